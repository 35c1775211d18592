using System.Text.Json;

namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// Parses a 200 answer, <c>{"items":["/var/lib/kubelet/checkpoints/checkpoint-pod_ns-ctr-TIME.tar"]}</c>,
/// as untrusted input. One call checkpoints one container, so exactly one item is expected; the
/// path is then checked by <see cref="ArchivePathRules"/>. Anything else is a protocol error: the
/// agent is about to read and ship that file, so a path it cannot vouch for is never returned.
/// </summary>
internal static class CheckpointItems
{
    public static string Parse(string body, ContainerRef container, string checkpointDirectory)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw KubeletFailures.Protocol(container, $"the answer is not JSON ({ex.Message})", ex);
        }

        using (document)
        {
            var path = SingleItem(document.RootElement, container);
            var problem = ArchivePathRules.Check(path, container, checkpointDirectory);
            if (problem is not null)
            {
                throw KubeletFailures.Protocol(container, $"the reported archive '{KubeletText.Printable(path, 300)}' {problem}");
            }

            return path;
        }
    }

    private static string SingleItem(JsonElement root, ContainerRef container)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("items", out var items)
            || items.ValueKind != JsonValueKind.Array)
        {
            throw KubeletFailures.Protocol(container, "the answer has no \"items\" array");
        }

        var count = items.GetArrayLength();
        if (count != 1)
        {
            throw KubeletFailures.Protocol(container, $"expected exactly one item for one container, got {count}");
        }

        var item = items[0];
        if (item.ValueKind != JsonValueKind.String)
        {
            throw KubeletFailures.Protocol(container, $"the item is a JSON {item.ValueKind}, not a path");
        }

        return item.GetString()!;
    }
}
