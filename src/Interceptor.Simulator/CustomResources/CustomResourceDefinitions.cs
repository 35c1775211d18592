using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Tables;

namespace Interceptor.Simulator.CustomResources;

/// <summary>
/// A created CustomResourceDefinition registers its served versions, so discovery (and so kubectl) knows the new
/// resource at once, and reports itself Established and NamesAccepted, as the apiextensions controllers would a
/// moment later. Later updates and deletion of the CRD leave the registration as it is.
/// </summary>
internal static class CustomResourceDefinitions
{
    public static void Register(ResourceRegistry registry, JsonObject crd)
    {
        var group = ObjectFields.String(crd, "spec", "group") ?? throw Invalid("spec.group");
        var plural = ObjectFields.String(crd, "spec", "names", "plural") ?? throw Invalid("spec.names.plural");
        var kind = ObjectFields.String(crd, "spec", "names", "kind") ?? throw Invalid("spec.names.kind");
        var namespaced = ObjectFields.String(crd, "spec", "scope") != "Cluster";
        var shortNames = Strings(ObjectFields.At(crd, "spec", "names", "shortNames"));
        var categories = Strings(ObjectFields.At(crd, "spec", "names", "categories"));
        foreach (var version in ObjectFields.Objects(crd, "spec", "versions").Where(v => ObjectFields.Bool(v, "served")))
        {
            var name = ObjectFields.String(version, "name") ?? throw Invalid("spec.versions[].name");
            registry.Register(new ResourceType(group, name, plural, kind, namespaced,
                HasStatus: ObjectFields.At(version, "subresources", "status") is JsonObject)
            {
                ShortNames = shortNames,
                Categories = categories,
                PrinterColumns = PrinterColumns(version),
            });
        }
        crd["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(Condition("NamesAccepted", "NoConflicts"), Condition("Established", "InitialNamesAccepted")),
            ["acceptedNames"] = ObjectFields.At(crd, "spec", "names")?.DeepClone(),
            ["storedVersions"] = new JsonArray([.. ObjectFields.Objects(crd, "spec", "versions")
                .Where(v => ObjectFields.Bool(v, "storage")).Select(v => JsonValue.Create(ObjectFields.String(v, "name")))]),
        };
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
