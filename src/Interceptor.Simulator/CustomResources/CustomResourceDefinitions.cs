using System.Text.Json.Nodes;
using Interceptor.Simulator.CustomResources.Schema;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Tables;

namespace Interceptor.Simulator.CustomResources;

/// <summary>
/// A created CustomResourceDefinition registers its served versions, so discovery (and so kubectl) knows the new
/// resource at once, and reports itself Established and NamesAccepted, as the apiextensions controllers would a
/// moment later. Later updates and deletion of the CRD leave the registration as it is. Each version carries its
/// structural schema, which the store applies to the version's objects (CustomResources/Schema).
/// </summary>
internal static class CustomResourceDefinitions
{
    /// <summary>Registers every served version and marks the CRD accepted; returns the registered resources.</summary>
    public static IReadOnlyList<ResourceType> Register(ResourceRegistry registry, JsonObject crd)
    {
        var types = ResourceTypes(crd);
        foreach (var type in types)
        {
            registry.Register(type);
        }
        crd["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(Condition("NamesAccepted", "NoConflicts"), Condition("Established", "InitialNamesAccepted")),
            ["acceptedNames"] = ObjectFields.At(crd, "spec", "names")?.DeepClone(),
            ["storedVersions"] = new JsonArray([.. ObjectFields.Objects(crd, "spec", "versions")
                .Where(v => ObjectFields.Bool(v, "storage")).Select(v => JsonValue.Create(ObjectFields.String(v, "name")))]),
        };
        return types;
    }

    /// <summary>One resource per served version, with its schema, printer columns and selectable fields.</summary>
    public static IReadOnlyList<ResourceType> ResourceTypes(JsonObject crd)
    {
        var group = ObjectFields.String(crd, "spec", "group") ?? throw Invalid("spec.group");
        var plural = ObjectFields.String(crd, "spec", "names", "plural") ?? throw Invalid("spec.names.plural");
        var kind = ObjectFields.String(crd, "spec", "names", "kind") ?? throw Invalid("spec.names.kind");
        var namespaced = ObjectFields.String(crd, "spec", "scope") != "Cluster";
        var shortNames = Strings(ObjectFields.At(crd, "spec", "names", "shortNames"));
        var categories = Strings(ObjectFields.At(crd, "spec", "names", "categories"));
        return
        [
            .. ObjectFields.Objects(crd, "spec", "versions").Where(v => ObjectFields.Bool(v, "served")).Select(version =>
                new ResourceType(group, ObjectFields.String(version, "name") ?? throw Invalid("spec.versions[].name"), plural, kind, namespaced,
                    HasStatus: ObjectFields.At(version, "subresources", "status") is JsonObject)
                {
                    ShortNames = shortNames,
                    Categories = categories,
                    PrinterColumns = PrinterColumns(version),
                    ExtraFieldLabels = SelectableFields(version),
                    Schema = SchemaOf(version),
                    IsCustom = true,
                }),
        ];
    }

    /// <summary>selectableFields (CustomResourceFieldSelectors): <c>.spec.sourceNode</c> is the field label <c>spec.sourceNode</c>.</summary>
    private static List<string> SelectableFields(JsonObject version) =>
        [.. ObjectFields.Objects(version, "selectableFields").Select(f => (ObjectFields.String(f, "jsonPath") ?? "").TrimStart('.')).Where(p => p.Length > 0)];

    /// <summary>A version without a schema serves objects as they come (apiextensions/v1 requires one; older CRDs may lack it).</summary>
    private static CustomResourceSchema? SchemaOf(JsonObject version)
    {
        if (ObjectFields.At(version, "schema", "openAPIV3Schema") is not JsonObject schema)
        {
            return null;
        }
        try
        {
            return new CustomResourceSchema(StructuralSchema.Parse(schema));
        }
        catch (Exception e) when (e is global::Cel.CelException or ArgumentException)
        {
            // The real server refuses a CRD whose rules do not compile or whose pattern is not a regular expression.
            throw StatusErrors.BadRequest($"CustomResourceDefinition.apiextensions.k8s.io is invalid: spec.validation.openAPIV3Schema: Invalid value: {e.Message}");
        }
    }

    private static List<PrinterColumn> PrinterColumns(JsonObject version) =>
    [
        .. ObjectFields.Objects(version, "additionalPrinterColumns").Select(c => new PrinterColumn(
            ObjectFields.String(c, "name") ?? "",
            ObjectFields.String(c, "type") ?? "string",
            ObjectFields.String(c, "format") ?? "",
            ObjectFields.String(c, "description") ?? "",
            (int)ObjectFields.Integer(c, "priority"),
            ObjectFields.String(c, "jsonPath") ?? "")),
    ];

    private static List<string> Strings(JsonNode? list) =>
        list is JsonArray array
            ? [.. array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var text) ? text : null).OfType<string>()]
            : [];

    private static JsonObject Condition(string type, string reason) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["reason"] = reason,
        ["lastTransitionTime"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static ApiStatusException Invalid(string field) =>
        StatusErrors.BadRequest($"CustomResourceDefinition.apiextensions.k8s.io is invalid: {field}: Required value");
}
