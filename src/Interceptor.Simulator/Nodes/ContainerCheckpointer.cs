using System.Globalization;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// The kubelet's <c>POST /checkpoint/{namespace}/{pod}/{container}?timeout=N</c> (K-K <c>pkg/kubelet/server/server.go</c>
/// <c>checkpoint()</c>, <c>kubelet.go</c> <c>CheckpointContainer</c>): the same checks, codes and messages, then a real
/// archive in the node's checkpoint directory named <c>checkpoint-{pod}_{namespace}-{container}-{RFC3339}.tar</c>.
/// </summary>
internal sealed class ContainerCheckpointer(FakeObjectStore store, TimeProvider clock, SimulatedNode node)
{
    /// <summary>The CRI's default when the request gives no timeout (the kubelet's runtime request timeout).</summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public async Task<KubeletAnswer> CheckpointAsync(string ns, string podName, string container, IReadOnlyList<string> timeouts, CancellationToken ct)
    {
        // Repeated parameters: the last one counts; anything but an integer is refused with 404, as the kubelet does.
        long seconds = 0;
        if (timeouts.Count > 0 && !long.TryParse(timeouts[^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seconds))
        {
            return KubeletAnswer.Error(404, "cannot parse value of timeout parameter");
        }
        var pod = store.TryGet(BuiltinResources.Pods, ns, podName);
        if (pod is null || PodFields.NodeName(pod) != node.Name || node.Kubelet.Runtime(ns, podName) is not { } runtime || runtime.Uid != Meta.Uid(pod))
        {
            return KubeletAnswer.Error(404, "pod does not exist");
        }
        if (runtime.Containers.FirstOrDefault(c => c.Name == container) is not { } target)
        {
            return KubeletAnswer.Error(404, $"container {container} does not exist");
        }
        var timeout = seconds > 0 ? TimeSpan.FromSeconds(seconds) : DefaultTimeout;
        var failure = await DumpFailureAsync(runtime, target, pod, timeout, ct).ConfigureAwait(false);
        if (failure is not null)
        {
            return KubeletAnswer.Error(500, $"checkpointing of {ns}/{podName}/{container} failed ({failure})");
        }
        var path = await WriteArchiveAsync(ns, podName, pod, runtime, target, ct).ConfigureAwait(false);
        return KubeletAnswer.Json(new JsonObject { ["items"] = new JsonArray(path) });
    }

    /// <summary>Waits as long as the dump takes and says why the runtime failed, or null when the dump succeeded.</summary>
    private async Task<string?> DumpFailureAsync(PodRuntime runtime, ContainerRuntime target, JsonObject pod, TimeSpan timeout, CancellationToken ct)
    {
        var options = node.Options;
        var id = target.ContainerId["cri-o://".Length..];
        var now = clock.GetUtcNow();
        var running = runtime.RunningSince is { } since && since <= now && !(runtime.StoppedAt(PodFields.DeletionTimestamp(pod)) is { } stop && stop <= now);
        if (!running)
        {
            return $"rpc error: code = Unknown desc = container {id} is not running";
        }
        if (options.CheckpointFault == CheckpointFault.DeadlineExceeded || options.CheckpointDuration > timeout)
        {
            await Task.Delay(timeout, clock, ct).ConfigureAwait(false);
            return "rpc error: code = DeadlineExceeded desc = context deadline exceeded";
        }
        await Task.Delay(options.CheckpointDuration, clock, ct).ConfigureAwait(false);
        return options.CheckpointFault == CheckpointFault.RuntimeError
            ? $"rpc error: code = Unknown desc = failed to checkpoint container {id}: running \"runc\" checkpoint failed: simulated CRIU dump failure"
            : null;
    }

    private async Task<string> WriteArchiveAsync(string ns, string podName, JsonObject pod, PodRuntime runtime, ContainerRuntime target, CancellationToken ct)
    {
        var options = node.Options;
        var now = clock.GetUtcNow();
        var counter = runtime.Counter(target, PodFields.DeletionTimestamp(pod), options.CounterInterval).ValueAt(now);
        // Go's time.RFC3339 of a UTC time is Kubernetes' timestamp format.
        var path = Path.Combine(node.CheckpointDirectory, $"checkpoint-{podName}_{ns}-{target.Name}-{CreateDefaults.Rfc3339(now)}.tar");
        var snapshot = new CheckpointSnapshot(ns, podName, runtime.Uid, target, runtime.RunningSince ?? runtime.AdmittedAt, now,
            counter, options.MemoryBytes, options.RandomMemory);
        await CheckpointArchiveWriter.WriteAsync(path, snapshot, ct).ConfigureAwait(false);
        return path;
    }
}
