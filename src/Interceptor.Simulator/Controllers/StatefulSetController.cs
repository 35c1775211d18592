using System.Globalization;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Admission;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// A reduced statefulset controller (pkg/controller/statefulset): pods <c>{set}-0 .. {set}-(n-1)</c> claimed by
/// selector and name, created and deleted as <see cref="StatefulSetPlan"/> decides, with the identity labels
/// (<c>statefulset.kubernetes.io/pod-name</c>, <c>apps.kubernetes.io/pod-index</c>,
/// <c>controller-revision-hash</c>) and hostname/subdomain set.
/// </summary>
/// <remarks>
/// Not simulated: ControllerRevisions and rolling updates of the template (the revision label is a hash of the
/// current template, but existing pods are not replaced when it changes), volumeClaimTemplates (no PVCs are made),
/// minReadySeconds, persistentVolumeClaimRetentionPolicy, spec.ordinals.start.
/// </remarks>
internal sealed class StatefulSetController(FakeObjectStore store, CreateAdmission admission, TimeProvider clock, ILogger logger)
    : WorkloadController(store, clock, logger, StatefulSets, Pods)
{
    private static ResourceType StatefulSets => BuiltinResources.StatefulSets;

    private readonly ControllerEventSource _events = new("statefulset-controller", BuiltinResources.StatefulSets, clock);

    private static ResourceType Pods => BuiltinResources.Pods;

    /// <summary>Unlike a ReplicaSet, a StatefulSet keeps terminating pods in view: their names are still taken.</summary>
    protected override bool IsMember(JsonObject set, JsonObject pod) => Ordinal(set, pod) is not null;

    protected override async Task SyncOwnedAsync(JsonObject set, List<JsonObject> pods, CancellationToken ct)
    {
        if (!PodConditions.IsTerminating(set))
        {
            var orderedReady = Meta.String(set["spec"], "podManagementPolicy") is null or "OrderedReady";
            var replicas = (int)JsonNumbers.Long(set["spec"], "replicas");
            foreach (var action in StatefulSetPlan.Decide(replicas, orderedReady, [.. pods.Select(p => Observe(set, p))]))
            {
                await ActAsync(set, action, pods, ct);
            }
        }
        WorkloadStatus.Write(Store, StatefulSets, set, status => WriteStatus(status, set, pods));
    }

    private async Task ActAsync(JsonObject set, StatefulSetAction action, List<JsonObject> pods, CancellationToken ct)
    {
        switch (action)
        {
            case StatefulSetAction.Create create:
                var pod = NewPod(set, create.Ordinal);
                // stateful_pod_control.go recordPodEvent words its own FailedCreate.
                await FailedCreateEvents.CreateRecordingFailureAsync(
                    () => admission.CreateAsync(Pods, pod, Meta.Namespace(set), ControllerUsers.StatefulSet, ct), Store, _events, set,
                    e => $"create Pod {Meta.Name(pod)} in StatefulSet {Meta.Name(set)} failed error: {e.Message}");
                break;
            case StatefulSetAction.Delete delete:
                WorkloadStatus.DeleteIgnoringGone(Store, Pods, pods.First(p => Meta.Name(p) == delete.Name));
                break;
        }
    }

    private static StatefulPod Observe(JsonObject set, JsonObject pod) => new(
        Ordinal(set, pod)!.Value,
        Meta.Name(pod)!,
        PodConditions.IsTerminating(pod),
        PodConditions.Phase(pod) is "Succeeded" or "Failed",
        PodConditions.Phase(pod) == "Running" && PodConditions.IsReady(pod));

    /// <summary>stateful_set_utils.go getParentNameAndOrdinal/isMemberOf: the ordinal when the name is <c>{set}-{n}</c>.</summary>
    private static int? Ordinal(JsonObject set, JsonObject pod)
    {
        var prefix = $"{Meta.Name(set)}-";
        var name = Meta.Name(pod) ?? "";
        // "web-01" is nobody's: only the canonical spelling of an ordinal is a member.
        return name.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
            && name == prefix + ordinal.ToString(CultureInfo.InvariantCulture)
            ? ordinal
            : null;
    }

    /// <summary>newVersionedStatefulSetPod: the template, the fixed name, identity labels, hostname and subdomain.</summary>
    private static JsonObject NewPod(JsonObject set, int ordinal)
    {
        var name = $"{Meta.Name(set)}-{ordinal.ToString(CultureInfo.InvariantCulture)}";
        var template = set["spec"]?["template"] as JsonObject;
        var pod = PodTemplates.NewPod(set, StatefulSets, template, name);
        var metadata = Meta.Of(pod);
        if (metadata["labels"] is not JsonObject labels)
        {
            labels = [];
            metadata["labels"] = labels;
        }
        labels["statefulset.kubernetes.io/pod-name"] = name;
        labels["apps.kubernetes.io/pod-index"] = ordinal.ToString(CultureInfo.InvariantCulture);
        labels["controller-revision-hash"] = $"{Meta.Name(set)}-{PodTemplateHash.Compute(template)}";
        var spec = (JsonObject)pod["spec"]!;
        spec["hostname"] = name;
        if (Meta.String(set["spec"], "serviceName") is { Length: > 0 } service)
        {
            spec["subdomain"] = service;
        }
        return pod;
    }

    private static void WriteStatus(JsonObject status, JsonObject set, List<JsonObject> pods)
    {
        var live = pods.Where(p => !PodConditions.IsTerminating(p)).ToList();
        var ready = live.Count(PodConditions.IsReady);
        status["observedGeneration"] = Meta.Generation(set);
        status["replicas"] = live.Count;
        status["readyReplicas"] = ready;
        status["availableReplicas"] = ready;
        status["currentReplicas"] = live.Count;
        status["updatedReplicas"] = live.Count;
    }
}
