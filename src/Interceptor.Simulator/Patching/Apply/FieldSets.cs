using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Patching.Apply;

/// <summary>
/// The leaf fields of an object and reading, writing and removing one of them. Lists whose items merge by a key in
/// k8s.io/api (<see cref="StrategicMergeKeys"/>: containers by name, conditions by type...) are associative, per item;
/// finalizers are a set; every other list is atomic (one field), as the schemas of built-ins declare them. A custom
/// resource's lists are atomic here (its x-kubernetes-list-type is not read).
/// </summary>
internal static class FieldSets
{
    public static HashSet<FieldPath> Leaves(JsonObject obj, bool custom)
    {
        var leaves = new HashSet<FieldPath>();
        Collect(obj, new FieldPath([]), null, custom, leaves);
        return leaves;
    }

    public static JsonNode? Get(JsonNode? root, FieldPath path) =>
        path.Steps.Aggregate(root, (node, step) => node is null ? null : Child(node, step));

    public static bool Has(JsonNode? root, FieldPath path)
    {
        var node = root;
        foreach (var step in path.Steps)
        {
            if (node is JsonObject o && step.StartsWith("f:", StringComparison.Ordinal))
            {
                if (!o.ContainsKey(step[2..]))
                {
                    return false;
                }
                node = o[step[2..]];
                continue;
            }
            node = node is null ? null : Child(node, step);
            if (node is null)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Sets a field, making the members and keyed items on the way.</summary>
    public static void Set(JsonObject root, FieldPath path, JsonNode? value)
    {
        JsonNode parent = root;
        for (var i = 0; i < path.Steps.Count - 1; i++)
        {
            parent = Child(parent, path.Steps[i]) ?? Make(parent, path.Steps[i], path.Steps[i + 1]);
        }
        var last = path.Steps[^1];
        if (parent is JsonObject obj && last.StartsWith("f:", StringComparison.Ordinal))
        {
            obj[last[2..]] = value?.DeepClone();
        }
        else if (parent is JsonArray list && Child(list, last) is null)
        {
            list.Add(value?.DeepClone());
        }
    }

    public static void Remove(JsonObject root, FieldPath path)
    {
        var parent = Get(root, new FieldPath([.. path.Steps.SkipLast(1)]));
        var last = path.Steps[^1];
        if (parent is JsonObject obj && last.StartsWith("f:", StringComparison.Ordinal))
        {
            obj.Remove(last[2..]);
        }
        else if (parent is JsonArray list && Child(list, last) is { } item)
        {
            list.Remove(item);
        }
    }

    private static void Collect(JsonNode? node, FieldPath at, string? field, bool custom, HashSet<FieldPath> leaves)
    {
        switch (node)
        {
            case JsonObject { Count: > 0 } obj:
                foreach (var (name, value) in obj)
                {
                    Collect(value, at.Then("f:" + name), name, custom, leaves);
                }
                break;
            case JsonArray { Count: > 0 } list when !custom && field is not null && ItemKey(field, list) is { } key:
                foreach (var item in list.OfType<JsonObject>())
                {
                    Collect(item, at.Then(KeyStep(item, key)), null, custom, leaves);
                }
                break;
            case JsonArray { Count: > 0 } set when !custom && field is not null && StrategicMergeKeys.IsPrimitiveSet(field):
                foreach (var value in set)
                {
                    leaves.Add(at.Then("v:" + value!.ToJsonString()));
                }
                break;
            default:
                if (at.Steps.Count > 0)
                {
                    leaves.Add(at);
                }
                break;
        }
    }

    private static string? ItemKey(string field, JsonArray list) =>
        list.All(i => i is JsonObject) ? StrategicMergeKeys.ObjectKey(field, list.OfType<JsonObject>()) : null;

    private static string KeyStep(JsonObject item, string key) => "k:" + new JsonObject { [key] = item[key]?.DeepClone() }.ToJsonString();

    private static JsonNode? Child(JsonNode node, string step) => (node, step[..2]) switch
    {
        (JsonObject o, "f:") => o[step[2..]],
        (JsonArray a, "k:") => a.OfType<JsonObject>().FirstOrDefault(item =>
            ((JsonObject)JsonNode.Parse(step[2..])!).All(kv => JsonNode.DeepEquals(item[kv.Key], kv.Value))),
        (JsonArray a, "v:") => a.FirstOrDefault(v => v?.ToJsonString() == step[2..]),
        _ => null,
    };

    /// <summary>The member or keyed item a step names, created empty: an object, or a list when the next step is an item.</summary>
    private static JsonNode Make(JsonNode parent, string step, string next)
    {
        JsonNode made = next.StartsWith("f:", StringComparison.Ordinal) ? new JsonObject() : new JsonArray();
        if (parent is JsonObject obj)
        {
            obj[step[2..]] = made;
            return made;
        }
        var item = (JsonObject)JsonNode.Parse(step[2..])!;
        ((JsonArray)parent).Add(item);
        return item;
    }
}
