namespace Interceptor.Simulator.Controllers;

/// <summary>
/// The loops a <see cref="FakeApiServer"/> runs inside itself, in place of kube-controller-manager and
/// kube-scheduler (<see cref="FakeApiServerOptions.Controllers"/>).
/// </summary>
[Flags]
public enum SimulatedControllers
{
    None = 0,

    /// <summary>Keeps each ReplicaSet's pod count: adoption, release, replacement, ranked scale-down, status.</summary>
    ReplicaSets = 1,

    /// <summary>One ReplicaSet per Deployment pod template, scaled to the Deployment's replicas.</summary>
    Deployments = 2,

    /// <summary>Ordinal pods with stable names, recreated only once the old object is gone.</summary>
    StatefulSets = 4,

    /// <summary>Background cascading deletion: an owner's deletion deletes its dependents.</summary>
    GarbageCollector = 8,

    /// <summary>Binds unscheduled pods to a fitting node (cordon, taints, nodeSelector), spreading them.</summary>
    Scheduler = 16,

    All = ReplicaSets | Deployments | StatefulSets | GarbageCollector | Scheduler | EndpointSlices,

    /// <summary>
    /// One pod per eligible node for each DaemonSet, bound at creation. Opt-in, outside <see cref="All"/>: the drain
    /// demo (Demo/DemoCluster) places its one DaemonSet pod itself and its reports count on exactly that pod.
    /// </summary>
    DaemonSets = 32,

    /// <summary>One EndpointSlice set per Service with a selector, following its pods' readiness (readiness gates included).</summary>
    EndpointSlices = 64,

    /// <summary>
    /// PodDisruptionBudget status from pods and their controllers' scale. Opt-in, outside <see cref="All"/>: tests and
    /// the drain demo that write a PDB's status themselves would see it overwritten.
    /// </summary>
    Disruption = 128,
}
