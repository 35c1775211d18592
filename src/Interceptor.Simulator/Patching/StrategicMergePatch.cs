using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;

namespace Interceptor.Simulator.Patching;

/// <summary>
/// <c>application/strategic-merge-patch+json</c> as kubectl sends it (cordon's <c>{"spec":{"unschedulable":true}}</c>,
/// label and annotation edits, container image changes): a JSON merge patch in which the lists of
/// <see cref="StrategicMergeKeys"/> merge item by item, plus the directives <c>$patch</c> (replace, delete, merge),
/// <c>$retainKeys</c> and <c>$deleteFromPrimitiveList/field</c>. <c>$setElementOrder/field</c> is accepted and
/// ignored: merged items keep the target's order and new ones are appended.
/// </summary>
public static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";
    private const string SetElementOrder = "$setElementOrder/";

    public static void Apply(JsonObject target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            throw StatusErrors.BadRequest("a strategic merge patch for an object must be a JSON object");
        }
        MergeObject(target, patchObject);
    }

    private static void MergeObject(JsonObject target, JsonObject patch)
    {
        switch (DirectiveOf(patch))
        {
            case "replace":
                target.Clear();
                foreach (var (key, value) in patch)
                {
                    if (key != PatchDirective && value is not null)
                    {
                        target[key] = value.DeepClone();
                    }
                }
                return;
            case "delete":
                target.Clear();
                return;
        }
        foreach (var (key, value) in patch)
        {
            if (key is PatchDirective or RetainKeys || key.StartsWith(SetElementOrder, StringComparison.Ordinal))
            {
                continue;
            }
            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                RemoveValues(target, key[DeleteFromPrimitiveList.Length..], value);
            }
            else if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject valueObject && DirectiveOf(valueObject) == "delete")
            {
                target.Remove(key);
            }
            else if (value is JsonObject valueObject2 && target[key] is JsonObject existing)
            {
                MergeObject(existing, valueObject2);
            }
            else if (value is JsonArray list && target[key] is JsonArray current)
            {
                target[key] = MergeList(key, current, list);
            }
            else
            {
                target[key] = Fresh(value);
            }
        }
        if (patch[RetainKeys] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in target.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                target.Remove(key);
            }
        }
    }

    private static JsonArray MergeList(string field, JsonArray current, JsonArray patch)
    {
        if (patch.OfType<JsonObject>().Any(i => DirectiveOf(i) == "replace"))
        {
            // [{"$patch":"replace"}, items...]: the list becomes exactly the other items.
            return [.. patch.Where(i => i is not JsonObject o || DirectiveOf(o) != "replace").Select(i => i?.DeepClone())];
        }
        if (StrategicMergeKeys.IsPrimitiveSet(field))
        {
            var merged = current.Select(i => i?.DeepClone()).ToList();
            merged.AddRange(patch.Where(p => !current.Any(c => JsonNode.DeepEquals(c, p))).Select(p => p?.DeepClone()));
            return [.. merged];
        }
        var items = current.OfType<JsonObject>().ToList();
        var key = StrategicMergeKeys.ObjectKey(field, [.. items, .. patch.OfType<JsonObject>()]);
        if (key is null || items.Count != current.Count || patch.Any(p => p is not JsonObject))
        {
            return (JsonArray)patch.DeepClone();
        }
        var result = items.Select(i => (JsonObject)i.DeepClone()).ToList();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var match = result.FindIndex(r => JsonNode.DeepEquals(r[key], item[key]));
            if (DirectiveOf(item) == "delete")
            {
                result.RemoveAll(r => JsonNode.DeepEquals(r[key], item[key]));
            }
            else if (match >= 0)
            {
                MergeObject(result[match], item);
            }
            else
            {
                result.Add((JsonObject)Fresh(item));
            }
        }
        return [.. result];
    }

    private static void RemoveValues(JsonObject target, string field, JsonNode? values)
    {
        if (target[field] is JsonArray list && values is JsonArray remove)
        {
            target[field] = new JsonArray([.. list.Where(i => !remove.Any(r => JsonNode.DeepEquals(r, i))).Select(i => i?.DeepClone())]);
        }
    }

    private static string? DirectiveOf(JsonObject obj) =>
        obj[PatchDirective] is JsonValue v && v.TryGetValue<string>(out var directive) ? directive : null;

    /// <summary>A patch value set where nothing was: nulls and directives dropped, as the real server stores it.</summary>
    private static JsonNode Fresh(JsonNode value)
    {
        if (value is not JsonObject valueObject)
        {
            return value.DeepClone();
        }
        var result = new JsonObject();
        MergeObject(result, valueObject);
        return result;
    }
}
