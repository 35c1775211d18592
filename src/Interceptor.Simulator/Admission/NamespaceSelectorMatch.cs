using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission;

/// <summary>
/// A webhook's <c>namespaceSelector</c> against the request namespace's labels, read from the store.
/// The real server labels every namespace <c>kubernetes.io/metadata.name</c>; that label is added here
/// for matching, and a namespace the store lacks (tests need not create "default") has only that label.
/// </summary>
internal static class NamespaceSelectorMatch
{
    private const string NameLabel = "kubernetes.io/metadata.name";

    public static bool Matches(JsonNode? namespaceSelector, string ns, FakeObjectStore store)
    {
        var selector = LabelSelectorJson.Parse(namespaceSelector);
        if (selector is null)
        {
            return false;
        }
        if (selector.Requirements.Count == 0)
        {
            return true;
        }
        var namespaceObject = store.TryGet(BuiltinResources.Namespaces, null, ns) ?? new JsonObject { ["metadata"] = new JsonObject() };
        var metadata = Meta.Of(namespaceObject);
        if (metadata["labels"] is not JsonObject labels)
        {
            labels = [];
            metadata["labels"] = labels;
        }
        labels[NameLabel] = ns;
        return selector.Matches(namespaceObject);
    }
}
