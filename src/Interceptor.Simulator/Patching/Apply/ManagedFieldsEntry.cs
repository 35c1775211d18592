using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Patching.Apply;

/// <summary>One <c>metadata.managedFields</c> entry (metav1.ManagedFieldsEntry) with its fieldsV1 as a set of leaf fields.</summary>
internal sealed record ManagedFieldsEntry(string Manager, string Operation, string? Subresource, string ApiVersion, string Time, HashSet<FieldPath> Fields)
{
    public bool Is(string manager, string operation, string? subresource) =>
        Manager == manager && Operation == operation && Subresource == subresource;

    public static List<ManagedFieldsEntry> Read(JsonObject? obj) =>
        [.. (obj?["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>().Select(Parse)];

    /// <summary>Writes the entries back; entries that own nothing are dropped, as the field manager does.</summary>
    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var kept = new JsonArray([.. entries.Where(e => e.Fields.Count > 0).Select(e => (JsonNode)e.ToJson())]);
        Meta.Of(obj)["managedFields"] = kept;
    }

    private JsonObject ToJson()
    {
        var entry = new JsonObject { ["manager"] = Manager, ["operation"] = Operation, ["apiVersion"] = ApiVersion, ["time"] = Time, ["fieldsType"] = "FieldsV1", ["fieldsV1"] = FieldsV1() };
        if (Subresource is not null)
        {
            entry["subresource"] = Subresource;
        }
        return entry;
    }

    /// <summary>The nested fieldsV1 object: a leaf is <c>{}</c>, a keyed item carries <c>".": {}</c> for itself.</summary>
    private JsonObject FieldsV1()
    {
        var root = new JsonObject();
        // Sorted, as structured-merge-diff serializes a set, so the same ownership reads the same.
        foreach (var path in Fields.OrderBy(p => string.Join('\0', p.Steps), StringComparer.Ordinal))
        {
            var node = root;
            foreach (var step in path.Steps)
            {
                if (node[step] is not JsonObject child)
                {
                    child = step.StartsWith("k:", StringComparison.Ordinal) ? new JsonObject { ["."] = new JsonObject() } : [];
                    node[step] = child;
                }
                node = child;
            }
        }
        return root;
    }

    private static ManagedFieldsEntry Parse(JsonObject entry)
    {
        var fields = new HashSet<FieldPath>();
        CollectLeaves(entry["fieldsV1"] as JsonObject ?? [], new FieldPath([]), fields);
        return new ManagedFieldsEntry(Meta.String(entry, "manager") ?? "", Meta.String(entry, "operation") ?? "", Meta.String(entry, "subresource"),
            Meta.String(entry, "apiVersion") ?? "", Meta.String(entry, "time") ?? "", fields);
    }

    private static void CollectLeaves(JsonObject node, FieldPath at, HashSet<FieldPath> fields)
    {
        var children = node.Where(kv => kv.Key != ".").ToList();
        if (children.Count == 0 && at.Steps.Count > 0)
        {
            fields.Add(at);
        }
        foreach (var (step, child) in children)
        {
            CollectLeaves(child as JsonObject ?? [], at.Then(step), fields);
        }
    }
}
