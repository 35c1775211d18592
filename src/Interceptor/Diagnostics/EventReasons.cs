namespace Interceptor.Diagnostics;

/// <summary>Reasons of the Kubernetes Events Interceptor records (the REASON column of kubectl get events).</summary>
public static class EventReasons
{
    /// <summary>On the pod: an eviction was turned into a live migration.</summary>
    public const string EvictionIntercepted = "EvictionIntercepted";

    /// <summary>On the pod: an eviction was let through although the pod is opted in (failure policy Evict, or fail-open).</summary>
    public const string EvictionAllowed = "EvictionAllowed";

    /// <summary>On the PodMigration: the agent on the source node started checkpointing containers.</summary>
    public const string CheckpointStarted = "CheckpointStarted";

    /// <summary>On the PodMigration: one container was checkpointed, validated and published.</summary>
    public const string ContainerCheckpointed = "ContainerCheckpointed";

    /// <summary>On the PodMigration: every listed container is published for the current attempt.</summary>
    public const string CheckpointsPublished = "CheckpointsPublished";

    /// <summary>On the PodMigration (Warning): the agent gave up on this attempt; the Checkpointed condition says why.</summary>
    public const string CheckpointFailed = "CheckpointFailed";
}
