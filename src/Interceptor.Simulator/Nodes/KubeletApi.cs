using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// The kubelet endpoints a simulated node serves, on its own HTTPS listener and through the API server's node proxy:
/// <c>POST checkpoint/{ns}/{pod}/{container}</c> (the real API), <c>GET counter/{ns}/{pod}/{container}</c>
/// (the simulated process's counter, a simulator addition), <c>GET containerLogs/{ns}/{pod}/{container}</c> (the real
/// API, which the API server's <c>pods/{name}/log</c> calls) and <c>GET healthz</c>.
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
            ("GET", ["containerLogs", var ns, var pod, var container]) => Task.FromResult(Logs(ns, pod, container, query)),
            ("GET", ["healthz"]) => Task.FromResult(KubeletAnswer.Ok("ok")),
            // The kubelet's mux answers unknown paths and wrong methods alike.
            _ => Task.FromResult(KubeletAnswer.Error(404, "404 page not found\n")),
        };
    }

    /// <summary>
    /// The process's output; a container not started yet is the kubelet's 400 from validateContainerLogStatus
    /// (<c>container "c" in pod "p" is waiting to start: ContainerCreating</c>).
    /// </summary>
    private KubeletAnswer Logs(string ns, string pod, string container, IQueryCollection query)
    {
        var now = clock.GetUtcNow();
        if (node.ReadCounter(ns, pod, container) is not { } counter)
        {
            return KubeletAnswer.Error(404, $"container {ns}/{pod}/{container} does not exist on node {node.Name}");
        }
        if (counter.RunningSince is not { } since || since > now)
        {
            return KubeletAnswer.Error(400, $"container \"{container}\" in pod \"{pod}\" is waiting to start: ContainerCreating");
        }
        return KubeletAnswer.Ok(ContainerLog.Text(counter, now, Number(query, "tailLines"), Number(query, "limitBytes")));
    }

    private static long? Number(IQueryCollection query, string name) =>
        long.TryParse(query[name].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

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
