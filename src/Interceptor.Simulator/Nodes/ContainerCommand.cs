using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// A container's <c>command</c> and <c>args</c> from the pod spec: what a runtime runs when the image's config gives
/// no Entrypoint or Cmd (a checkpoint image's config gives neither).
/// </summary>
internal sealed record ContainerCommand(IReadOnlyList<string> Command, IReadOnlyList<string> Args)
{
    public static readonly ContainerCommand None = new([], []);

    /// <summary>The executable: command[0], else args[0] (CRI-O SpecSetProcessArgs), or null when the pod names none.</summary>
    public string? Entrypoint => Command.Count > 0 ? Command[0] : Args.Count > 0 ? Args[0] : null;

    public static ContainerCommand Of(JsonObject pod, string containerName)
    {
        var container = (pod["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(c => Meta.String(c, "name") == containerName);
        return container is null ? None : new ContainerCommand(Strings(container["command"]), Strings(container["args"]));
    }

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.OfType<JsonValue>().Select(v => v.TryGetValue(out string? text) ? text : "")] : [];
}
