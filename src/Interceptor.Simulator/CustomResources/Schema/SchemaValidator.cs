using System.Globalization;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Validation;

namespace Interceptor.Simulator.CustomResources.Schema;

/// <summary>
/// The OpenAPI part of custom resource validation: kube-openapi pkg/validation/validate (type, string, format,
/// number, slice, enum, object validators, in that order per node) with its errors turned into field errors as
/// apiextensions-apiserver pkg/apiserver/validation/validation.go ValidateCustomResource does; plus the list-type
/// checks of pkg/apiserver/schema/listtype. The detail texts are kube-openapi's (errors/schema.go).
/// </summary>
internal static class SchemaValidator
{
    public static void Validate(JsonNode? node, StructuralSchema schema, string path, List<FieldError> errors)
    {
        if (node is null && schema.Nullable)
        {
            return;
        }
        if (!TypeMatches(node, schema, path, errors))
        {
            return;
        }
        switch (node)
        {
            case JsonObject obj:
                ValidateObject(obj, schema, path, errors);
                break;
            case JsonArray array:
                ValidateArray(array, schema, path, errors);
                break;
            default:
                ValidateScalar(node, schema, path, errors);
                break;
        }
    }

    /// <summary>InvalidType: <c>{path} in body must be of type {type}: "{actual}"</c>, reported as a TypeInvalid of the actual type's name.</summary>
    private static bool TypeMatches(JsonNode? node, StructuralSchema schema, string path, List<FieldError> errors)
    {
        var actual = JsonKinds.Of(node);
        var ok = schema.Type is null
            || (schema.IntOrString && actual is "integer" or "string")
            || actual == schema.Type
            || (schema.Type == "number" && actual == "integer");
        if (!ok)
        {
            errors.Add(FieldError.TypeInvalid(path, actual, $"{path} in body must be of type {schema.Type}: \"{actual}\""));
        }
        return ok;
    }

    private static void ValidateScalar(JsonNode? node, StructuralSchema schema, string path, List<FieldError> errors)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            ValidateString(node, text, schema, path, errors);
        }
        else if (node is not null && JsonKinds.Number(node) is { } number)
        {
            ValidateNumber(node, number, schema, path, errors);
        }
        ValidateEnum(node, schema, path, errors);
    }

    private static void ValidateString(JsonNode node, string text, StructuralSchema schema, string path, List<FieldError> errors)
    {
        // go-openapi counts characters (utf8.RuneCountInString), not bytes.
        var length = text.EnumerateRunes().Count();
        if (schema.MaxLength is { } max && length > max)
        {
            errors.Add(FieldError.TooLong(path, max));
        }
        if (schema.MinLength is { } min && length < min)
        {
            errors.Add(FieldError.Invalid(path, node.DeepClone(), $"{path} in body should be at least {min} chars long"));
        }
        if (schema.Pattern is { } pattern && !pattern.IsMatch(text))
        {
            errors.Add(FieldError.Invalid(path, node.DeepClone(), $"{path} in body should match '{pattern}'"));
        }
        if (!SchemaFormats.IsValid(schema.Format, text))
        {
            errors.Add(FieldError.TypeInvalid(path, node.DeepClone(),
                $"{path} in body must be of type {schema.Format}: {FieldError.GoQuote(text)}"));
        }
    }

    private static void ValidateNumber(JsonNode node, double number, StructuralSchema schema, string path, List<FieldError> errors)
    {
        if (!SchemaFormats.InRange(schema.Format, number))
        {
            errors.Add(FieldError.Invalid(path, node.DeepClone(), $"{path} in body must be of type {schema.Format}: \"{Go(number)}\""));
        }
        if (schema.Minimum is { } min && (schema.ExclusiveMinimum ? number <= min : number < min))
        {
            var bound = schema.ExclusiveMinimum ? "greater than" : "greater than or equal to";
            errors.Add(FieldError.Invalid(path, node.DeepClone(), $"{path} in body should be {bound} {Go(min)}"));
        }
        if (schema.Maximum is { } max && (schema.ExclusiveMaximum ? number >= max : number > max))
        {
            var bound = schema.ExclusiveMaximum ? "less than" : "less than or equal to";
            errors.Add(FieldError.Invalid(path, node.DeepClone(), $"{path} in body should be {bound} {Go(max)}"));
        }
    }

    /// <summary>EnumFailCode becomes field.NotSupported with each allowed value as a string (others JSON-encoded).</summary>
    private static void ValidateEnum(JsonNode? node, StructuralSchema schema, string path, List<FieldError> errors)
    {
        if (schema.Enum is { Count: > 0 } allowed && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
        {
            var names = allowed.Select(a => a is JsonValue v && v.TryGetValue<string>(out var s) ? s : a?.ToJsonString() ?? "null");
            errors.Add(FieldError.NotSupported(path, node?.DeepClone(), names));
        }
    }

    private static void ValidateArray(JsonArray array, StructuralSchema schema, string path, List<FieldError> errors)
    {
        if (schema.MaxItems is { } max && array.Count > max)
        {
            errors.Add(FieldError.TooMany(path, array.Count, max));
        }
        if (schema.MinItems is { } min && array.Count < min)
        {
            errors.Add(FieldError.Invalid(path, array.Count, $"{path} in body should have at least {min} items"));
        }
        for (var i = 0; i < array.Count; i++)
        {
            if (schema.Items is { } items)
            {
                Validate(array[i], items, $"{path}[{i}]", errors);
            }
        }
        ListTypes.Validate(array, schema, path, errors);
        ValidateEnum(array, schema, path, errors);
    }

    private static void ValidateObject(JsonObject obj, StructuralSchema schema, string path, List<FieldError> errors)
    {
        foreach (var required in schema.Required.Where(r => !obj.ContainsKey(r)))
        {
            errors.Add(FieldError.Required(Child(path, required)));
        }
        foreach (var (key, value) in obj)
        {
            if (schema.Properties.TryGetValue(key, out var property) || (property = schema.AdditionalProperties) is not null)
            {
                Validate(value, property, Child(path, key), errors);
            }
        }
        ValidateEnum(obj, schema, path, errors);
    }

    /// <summary>field.Path.Child: the root has no name.</summary>
    internal static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>Go's %v of a float64 (a whole number prints without a fraction).</summary>
    private static string Go(double number) => number.ToString("R", CultureInfo.InvariantCulture);
}
