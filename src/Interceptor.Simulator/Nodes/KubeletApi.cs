using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// The kubelet endpoints a simulated node serves, on its own HTTPS listener and through the API server's node proxy:
/// <c>POST checkpoint/{ns}/{pod}/{container}</c> (the real API), <c>GET counter/{ns}/{pod}/{container}</c>
/// (the simulated process's counter, a simulator addition) and <c>GET healthz</c>.
/// </summary>
internal sealed class KubeletApi(SimulatedNode node, ContainerCheckpointer checkpointer, TimeProvider clock)
{
    /// <param name="path">The path below the kubelet's root, without a leading slash.</param>
    public Task<KubeletAnswer> AnswerAsync(string method, string path, IQueryCollection query, CancellationToken ct)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        return (method, segments) switch
        {
            ("POST", ["checkpoint", var ns, var pod, var container]) =>
                checkpointer.CheckpointAsync(ns, pod, container, [.. query["timeout"].OfType<string>()], ct),
            ("GET", ["counter", var ns, var pod, var container]) => Task.FromResult(Counter(ns, pod, container)),
            ("GET", ["healthz"]) => Task.FromResult(KubeletAnswer.Ok("ok")),
            // The kubelet's mux answers unknown paths and wrong methods alike.
            _ => Task.FromResult(KubeletAnswer.Error(404, "404 page not found\n")),
        };
    }

    private KubeletAnswer Counter(string ns, string pod, string container)
    {
        if (node.ReadCounter(ns, pod, container) is not { } counter)
        {
            return KubeletAnswer.Error(404, $"container {ns}/{pod}/{container} does not exist on node {node.Name}");
        }
        return KubeletAnswer.Json(new JsonObject
        {
            ["namespace"] = ns,
            ["pod"] = pod,
            ["container"] = container,
            ["value"] = counter.ValueAt(clock.GetUtcNow()),
            ["initialValue"] = counter.InitialValue,
            ["restored"] = counter.Restored,
        });
    }
}
