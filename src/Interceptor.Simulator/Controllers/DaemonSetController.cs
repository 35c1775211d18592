using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Admission;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Scheduling;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// A minimal daemonset controller (pkg/controller/daemon): one pod per node the template may run on (node
/// selector and taints, with the tolerations the controller adds itself), created in slow-start batches through
/// admission, so a refused create records FailedCreate; surplus pods and pods on nodes gone or no longer eligible
/// are deleted; status counts nodes and pods.
/// </summary>
/// <remarks>
/// Not simulated: rolling updates of the template and ControllerRevisions, minReadySeconds, surge, failed-pod
/// backoff. Pods are bound by <c>spec.nodeName</c> at creation (the pre-1.12 way) instead of the node-affinity
/// term the real controller sets for the scheduler to honour.
/// </remarks>
internal sealed class DaemonSetController(FakeObjectStore store, CreateAdmission admission, TimeProvider clock, ILogger logger)
    : WorkloadController(store, clock, logger, DaemonSets, Pods)
{
    private static ResourceType DaemonSets => BuiltinResources.DaemonSets;

    private static ResourceType Pods => BuiltinResources.Pods;

    private static ResourceType Nodes => BuiltinResources.Nodes;

    private readonly ControllerEventSource _events = new("daemonset-controller", BuiltinResources.DaemonSets, clock);

    protected override IReadOnlyList<ResourceType> Watched => [DaemonSets, Pods, Nodes];

    /// <summary>A node change may change where every DaemonSet should run.</summary>
    protected override void OnEvent(WatchEvent e)
    {
        if (e.Resource == Nodes)
        {
            Resync();
            return;
        }
        base.OnEvent(e);
    }

    protected override bool IsCandidate(JsonObject pod) => PodConditions.IsActive(pod);

    protected override async Task SyncOwnedAsync(JsonObject ds, List<JsonObject> pods, CancellationToken ct)
    {
        var eligible = Store.ListShared(Nodes, Selectors.ObjectFilter.Everything).Items
            .Where(node => ShouldRun(ds, node)).Select(node => Meta.Name(node)!).ToHashSet(StringComparer.Ordinal);
        var byNode = pods.GroupBy(p => Meta.String(p["spec"], "nodeName") ?? "").ToDictionary(g => g.Key, g => g.ToList());
        if (!PodConditions.IsTerminating(ds))
        {
            foreach (var surplus in byNode.SelectMany(g => eligible.Contains(g.Key) ? g.Value.Skip(1) : g.Value))
            {
                WorkloadStatus.DeleteIgnoringGone(Store, Pods, surplus);
            }
            await CreateMissingAsync(ds, [.. eligible.Where(node => !byNode.ContainsKey(node))], ct);
        }
        WorkloadStatus.Write(Store, DaemonSets, ds, status => WriteStatus(status, ds, eligible, byNode));
    }

    /// <summary>syncNodes: slow-start batches, one pod per node, stopping at the first refused batch.</summary>
    private Task CreateMissingAsync(JsonObject ds, List<string> nodes, CancellationToken ct)
    {
        var pending = new ConcurrentQueue<string>(nodes);
        return SlowStart.CreateAsync(nodes.Count, () => FailedCreateEvents.CreateRecordingFailureAsync(
            () => admission.CreateAsync(Pods, NewPod(ds, pending.TryDequeue(out var node) ? node : ""), Meta.Namespace(ds), ControllerUsers.DaemonSet, ct),
            Store, _events, ds, FailedCreateEvents.ErrorCreating));
    }

    /// <summary>nodeShouldRunDaemonPod: the template, with the controller's tolerations, fits the node (pod count aside).</summary>
    private static bool ShouldRun(JsonObject ds, JsonObject node) =>
        NodeFit.Reject(NewPod(ds, Meta.Name(node)!), node, podsOnNode: 0) is null;

    private static JsonObject NewPod(JsonObject ds, string node)
    {
        var pod = PodTemplates.NewPod(ds, DaemonSets, ds["spec"]?["template"] as JsonObject);
        var spec = (JsonObject)pod["spec"]!;
        spec["nodeName"] = node;
        if (spec["tolerations"] is not JsonArray tolerations)
        {
            tolerations = [];
            spec["tolerations"] = tolerations;
        }
        foreach (var (key, effect) in DaemonTolerations(HostNetwork(spec)))
        {
            tolerations.Add(new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = effect });
        }
        return pod;
    }

    /// <summary>util.AddOrUpdateDaemonPodTolerations: what every daemon pod tolerates, so it stays through node trouble.</summary>
    private static IEnumerable<(string Key, string Effect)> DaemonTolerations(bool hostNetwork)
    {
        yield return ("node.kubernetes.io/not-ready", "NoExecute");
        yield return ("node.kubernetes.io/unreachable", "NoExecute");
        yield return ("node.kubernetes.io/disk-pressure", "NoSchedule");
        yield return ("node.kubernetes.io/memory-pressure", "NoSchedule");
        yield return ("node.kubernetes.io/pid-pressure", "NoSchedule");
        yield return (NodeFit.UnschedulableTaint, "NoSchedule");
        if (hostNetwork)
        {
            yield return ("node.kubernetes.io/network-unavailable", "NoSchedule");
        }
    }

    private static bool HostNetwork(JsonObject spec) =>
        spec["hostNetwork"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.True;

    private static void WriteStatus(JsonObject status, JsonObject ds, HashSet<string> eligible, Dictionary<string, List<JsonObject>> byNode)
    {
        var scheduled = eligible.Count(byNode.ContainsKey);
        var ready = eligible.Count(node => byNode.TryGetValue(node, out var pods) && pods.Any(PodConditions.IsReady));
        status["observedGeneration"] = Meta.Generation(ds);
        status["desiredNumberScheduled"] = eligible.Count;
        status["currentNumberScheduled"] = scheduled;
        status["updatedNumberScheduled"] = scheduled;
        status["numberMisscheduled"] = byNode.Keys.Count(node => !eligible.Contains(node));
        status["numberReady"] = ready;
        status["numberAvailable"] = ready;
        status["numberUnavailable"] = eligible.Count - ready;
    }
}
