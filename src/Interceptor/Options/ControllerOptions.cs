namespace Interceptor.Options;

/// <summary>
/// The migration controller (<c>Interceptor:Controller</c>). It runs inside the webhook Deployment, leader-elected
/// through a Lease, so two replicas never act on one migration (docs/design/20261206-migration-controller.md).
/// </summary>
public sealed class ControllerOptions
{
    /// <summary>Run the controller in this process (the webhook role). Off: this replica only answers admission reviews.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The coordination.k8s.io Lease the replicas compete for.</summary>
    public string LeaseName { get; set; } = "interceptor-controller";

    /// <summary>Namespace of the Lease; empty means env <c>POD_NAMESPACE</c>, then <c>interceptor-system</c>.</summary>
    public string? LeaseNamespace { get; set; }

    /// <summary>This replica's identity in the Lease; empty means env <c>POD_NAME</c>, then the host name (plus a random suffix).</summary>
    public string? Identity { get; set; }

    /// <summary>How long a Lease holds without renewal: a killed leader is replaced within this time.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The leader gives up if it could not renew within this time (shorter than the lease duration).</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates try to acquire, and the leader renews.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Migrations reconciled at once (each key is handled by one worker at a time).</summary>
    public int Workers { get; set; } = 16;

    /// <summary>At most this many migrations leave one node at once; more wait in Pending (the webhook keeps answering 429).</summary>
    public int MaxConcurrentPerNode { get; set; } = 2;

    /// <summary>At most this many migrations run in the cluster at once.</summary>
    public int MaxConcurrentInCluster { get; set; } = 10;

    /// <summary>Overall deadline = base + per GiB of the pod's memory (KubeVirt scales its completion timeout the same way).</summary>
    public TimeSpan DeadlineBase { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan DeadlinePerGiB { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The estimate printed in the status: fixed overhead plus time per GiB moved (dump, push, pull, restore).</summary>
    public TimeSpan EstimateBase { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan EstimatePerGiB { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What an evicting caller waits: cluster-autoscaler's --max-pod-eviction-time and a spot notice are both 2 minutes.</summary>
    public TimeSpan CallerBudget { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Step timeout of Checkpointing (the agent's checkpoint and push of every container).</summary>
    public TimeSpan CheckpointTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Step timeout of Restoring: the replacement must run from the checkpoint and be Ready within it.</summary>
    public TimeSpan RestoreTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>After the commit point, how long the owner may take to remove the source before the controller deletes it.</summary>
    public TimeSpan CommitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Finished PodMigrations are deleted this long after completion (like a Job's ttlSecondsAfterFinished).</summary>
    public TimeSpan TtlAfterFinished { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Accept a replacement that started cold (the runtime did not restore) as <c>SucceededWithoutRestore</c>.
    /// Off by default: a cold start loses exactly the state the migration was for, so it rolls back instead.
    /// </summary>
    public bool AllowColdStart { get; set; }

    /// <summary>Every migration is looked at again this often, so a missed event is never final.</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a step that waits on someone else (the agent, the kubelet, the owner) is looked at without an event.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
