using System.Text;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Validation;

/// <summary>
/// ValidateObjectMetaAccessor (apimachinery pkg/api/validation/objectmeta.go) for the fields clients write: the name
/// and generateName with the resource's name function, label keys and values (v1validation.ValidateLabels),
/// annotation keys and their total size (ValidateAnnotations). Only labels and annotations are checked again on
/// update, as ValidateObjectMetaUpdate does: the name is immutable.
/// </summary>
internal static class ObjectMetaValidation
{
    /// <summary>TotalAnnotationSizeLimitB: 256 KiB over all keys and values.</summary>
    public const int TotalAnnotationSizeLimit = 256 * 1024;

    /// <summary>On create, after a generateName has produced the name (rest.BeforeCreate generates, then validates).</summary>
    public static void ValidateCreate(ResourceType resource, JsonObject obj) =>
        ThrowIfAny(resource, obj, [.. NameErrors(resource, obj), .. LabelAndAnnotationErrors(obj)]);

    public static void ValidateUpdate(ResourceType resource, JsonObject obj) =>
        ThrowIfAny(resource, obj, LabelAndAnnotationErrors(obj));

    private static void ThrowIfAny(ResourceType resource, JsonObject obj, List<FieldError> errors)
    {
        if (errors.Count > 0 && ResourceNames.ValidatesObjectMeta(resource))
        {
            throw StatusErrors.Invalid(resource, Meta.Name(obj) ?? "", errors);
        }
    }

    private static IEnumerable<FieldError> NameErrors(ResourceType resource, JsonObject obj)
    {
        var validate = ResourceNames.For(resource);
        var errors = new List<FieldError>();
        if (Meta.GenerateName(obj) is { Length: > 0 } generateName)
        {
            errors.AddRange(validate(generateName, true).Select(m => FieldError.Invalid("metadata.generateName", generateName, m)));
        }
        if (Meta.Name(obj) is { Length: > 0 } name)
        {
            errors.AddRange(validate(name, false).Select(m => FieldError.Invalid("metadata.name", name, m)));
        }
        return errors;
    }

    private static List<FieldError> LabelAndAnnotationErrors(JsonObject obj) =>
        [.. LabelErrors(Map(obj, "labels")), .. AnnotationErrors(Map(obj, "annotations"))];

    /// <summary>Every error names the field <c>metadata.labels</c>, as upstream's do, with the key or value as the value.</summary>
    private static IEnumerable<FieldError> LabelErrors(IReadOnlyList<(string Key, string Value)> labels) =>
        labels.SelectMany(label =>
            QualifiedNames.QualifiedName(label.Key).Select(m => FieldError.Invalid("metadata.labels", label.Key, m))
                .Concat(QualifiedNames.LabelValue(label.Value).Select(m => FieldError.Invalid("metadata.labels", label.Value, m))));

    /// <summary>Keys are qualified names compared in lower case; the size counts UTF-8 bytes, as Go's len does.</summary>
    private static IEnumerable<FieldError> AnnotationErrors(IReadOnlyList<(string Key, string Value)> annotations)
    {
        var errors = annotations.SelectMany(a =>
            QualifiedNames.QualifiedName(a.Key.ToLowerInvariant()).Select(m => FieldError.Invalid("metadata.annotations", a.Key, m)));
        var size = annotations.Sum(a => (long)Encoding.UTF8.GetByteCount(a.Key) + Encoding.UTF8.GetByteCount(a.Value));
        return size > TotalAnnotationSizeLimit
            ? errors.Append(FieldError.TooLong("metadata.annotations", TotalAnnotationSizeLimit))
            : errors;
    }

    private static List<(string Key, string Value)> Map(JsonObject obj, string field) =>
        obj["metadata"]?[field] is JsonObject map
            ? [.. map.Select(p => (p.Key, p.Value is JsonValue v && v.TryGetValue(out string? s) ? s : p.Value?.ToJsonString() ?? ""))]
            : [];
}
