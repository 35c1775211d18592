using System.Text.Json.Nodes;
using Interceptor.Api;

namespace Interceptor.Agent;

/// <summary>
/// The agent's status write as a JSON patch (RFC 6902) that touches only what the agent owns: the checkpoint entries
/// it filled in and its Checkpointed condition. Everything else in the status (phase, attempt, other conditions) is
/// the controller's and is never sent back, so a stale read cannot undo a controller write.
/// </summary>
/// <remarks>
/// Instead of a resourceVersion precondition (any controller write would then fail the agent's patch), <c>test</c>
/// operations pin exactly the facts the change was computed from: the attempt, the container at each patched index,
/// the condition at its index. When one no longer holds the API server refuses the whole patch with 422 (apiserver
/// patch.go: a failed test is a generic 422) and the writer reads again. Indices are safe because the controller
/// lists the containers once per attempt and keeps conditions one per type (a list-type map).
/// </remarks>
public static class OwnedStatusPatch
{
    /// <summary>The operations turning <paramref name="before"/>'s owned fields into <paramref name="after"/>'s; null when none differ.</summary>
    public static JsonArray? Between(JsonObject? before, JsonObject? after)
    {
        var changes = new JsonArray();
        Checkpoints(before?["checkpoints"] as JsonArray, after?["checkpoints"] as JsonArray, changes);
        Condition(before?["conditions"] as JsonArray, after?["conditions"] as JsonArray, changes);
        if (changes.Count == 0)
        {
            return null;
        }
        if (before?["attempt"] is { } attempt)
        {
            changes.Insert(0, Test("/status/attempt", attempt));
        }
        return changes;
    }

    private static void Checkpoints(JsonArray? before, JsonArray? after, JsonArray patch)
    {
        for (var i = 0; i < (after?.Count ?? 0) && i < (before?.Count ?? 0); i++)
        {
            if (!JsonNode.DeepEquals(before![i], after![i]))
            {
                patch.Add(Test($"/status/checkpoints/{i}/container", before[i]?["container"]));
                patch.Add(Op("replace", $"/status/checkpoints/{i}", after[i]));
            }
        }
    }

    private static void Condition(JsonArray? before, JsonArray? after, JsonArray patch)
    {
        var wanted = Find(after, out _);
        var existing = Find(before, out var index);
        if (wanted is null || JsonNode.DeepEquals(wanted, existing))
        {
            return;
        }
        if (existing is not null)
        {
            patch.Add(Test($"/status/conditions/{index}/type", PodMigrationConditions.Checkpointed));
            patch.Add(Op("replace", $"/status/conditions/{index}", wanted));
        }
        else if (before is not null)
        {
            patch.Add(Op("add", "/status/conditions/-", wanted));
        }
        else
        {
            patch.Add(Op("add", "/status/conditions", new JsonArray(wanted.DeepClone())));
        }
    }

    private static JsonNode? Find(JsonArray? conditions, out int index)
    {
        index = conditions?.ToList().FindIndex(c => c?["type"]?.GetValue<string>() == PodMigrationConditions.Checkpointed) ?? -1;
        return index >= 0 ? conditions![index] : null;
    }

    private static JsonObject Test(string path, JsonNode? value) => Op("test", path, value);

    private static JsonObject Op(string op, string path, JsonNode? value) =>
        new() { ["op"] = op, ["path"] = path, ["value"] = value?.DeepClone() };
}
