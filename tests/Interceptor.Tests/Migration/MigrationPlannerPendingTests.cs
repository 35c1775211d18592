using Interceptor.Api;
using Interceptor.Migration;
using Interceptor.Tests.Builders;
using Xunit;
using static Interceptor.Tests.Builders.TestMigrations;
using static Interceptor.Tests.Builders.TestNodes;
using static Interceptor.Tests.Builders.TestObservations;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Migration;

/// <summary>
/// A new or Pending migration (DESIGN section 4, Pending): finalizer first, then whether the pod can be migrated at
/// all, then the concurrency budget, then admission with a deadline and estimate scaled by the pod's memory.
/// </summary>
public sealed class MigrationPlannerPendingTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public static TheoryData<string, MigrationObservation, MigrationAction> Rows => new()
    {
        // Finalizer.
        { "a new migration without the finalizer gets it before anything else",
            Observe(TestMigrations.Migration()), new AddFinalizer() },
        { "a new migration whose pod is already gone still gets the finalizer first",
            Observe(TestMigrations.Migration(), NoSource()), new AddFinalizer() },
        { "an in-flight migration that lost its finalizer gets it back",
            Observe(TestMigrations.Migration(Entered(MigrationPhases.Checkpointing))), new AddFinalizer() },

        // Deleted before anything was touched.
        { "a migration deleted while Pending lets go: nothing to undo",
            Observe(TestMigrations.Migration(WithFinalizer(), Entered(MigrationPhases.Pending), Deleted())), new RemoveFinalizer() },
        { "a queued migration deleted lets go without waiting for a slot",
            Observe(TestMigrations.Migration(WithFinalizer(), Entered(MigrationPhases.Pending), WithReason(MigrationReasons.Queued), Deleted()), Budget(2, 10)), new RemoveFinalizer() },
        { "a new migration deleted before it got its finalizer lets go",
            Observe(TestMigrations.Migration(Deleted())), new RemoveFinalizer() },

        // What cannot be migrated.
        { "a migration whose pod is gone fails with SourcePodGone",
            Observe(TestMigrations.Migration(WithFinalizer()), NoSource()), new Finish(MigrationPhases.Failed, MigrationReasons.SourcePodGone, $"pod web-0 ({PodUid}) is gone") },
        { "a Pending migration whose pod is gone fails with SourcePodGone",
            Observe(TestMigrations.Migration(WithFinalizer(), Entered(MigrationPhases.Pending)), NoSource()), new Finish(MigrationPhases.Failed, MigrationReasons.SourcePodGone, "nothing to migrate") },
        { "a StatefulSet pod is not migrated",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSource(OwnedBy("StatefulSet", "web"))), new Finish(MigrationPhases.Failed, MigrationReasons.UnsupportedOwner, "StatefulSet") },
        { "a Job pod is not migrated",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSource(OwnedBy("Job", "nightly"))), new Finish(MigrationPhases.Failed, MigrationReasons.UnsupportedOwner, "Job") },
        { "a DaemonSet pod is not migrated",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSource(OwnedBy("DaemonSet", "logs"))), new Finish(MigrationPhases.Failed, MigrationReasons.UnsupportedOwner, "DaemonSet") },
        { "a mirror pod is not migrated",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSource(Mirror())), new Finish(MigrationPhases.Failed, MigrationReasons.UnsupportedOwner, "static pod") },
        { "a static pod's mirror owned by its Node is not migrated",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSource(Mirror(), OwnedBy("Node", SourceNode))), new Finish(MigrationPhases.Failed, MigrationReasons.UnsupportedOwner, "evicted normally") },
        { "a vanished pod fails before its owner is even looked at",
            Observe(TestMigrations.Migration(WithFinalizer()), NoSource(), Budget(2, 10)), new Finish(MigrationPhases.Failed, MigrationReasons.SourcePodGone, "") },
        { "an unsupported owner fails even when the budget is full",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSource(OwnedBy("StatefulSet", "web")), Budget(2, 10)), new Finish(MigrationPhases.Failed, MigrationReasons.UnsupportedOwner, "") },

        // Budget.
        { "a full per-node budget queues the migration",
            Observe(TestMigrations.Migration(WithFinalizer()), Budget(2, 2)), new Queue("queued: 2 migrations are leaving node node-a (limit 2)") },
        { "a full cluster budget queues the migration",
            Observe(TestMigrations.Migration(WithFinalizer()), Budget(0, 10)), new Queue("queued: 10 migrations are running in the cluster (limit 10)") },
        { "a per-node budget over its limit (the limit was lowered) queues too",
            Observe(TestMigrations.Migration(WithFinalizer()), Budget(3, 3)), new Queue("leaving node node-a") },
        { "a Pending migration not yet marked queued is marked queued",
            Observe(TestMigrations.Migration(WithFinalizer(), Entered(MigrationPhases.Pending)), Budget(2, 2)), new Queue("queued") },
        { "an already queued migration only waits: a full budget costs no writes",
            Observe(TestMigrations.Migration(WithFinalizer(), Entered(MigrationPhases.Pending), WithReason(MigrationReasons.Queued)), Budget(2, 2)), new Wait(Second, "leaving node node-a") },
        { "an already queued migration waits on the cluster budget too",
            Observe(TestMigrations.Migration(WithFinalizer(), Entered(MigrationPhases.Pending), WithReason(MigrationReasons.Queued)), Budget(0, 10)), new Wait(Second, "in the cluster") },
        { "a queued migration is admitted once a slot frees",
            Observe(TestMigrations.Migration(WithFinalizer(), Entered(MigrationPhases.Pending), WithReason(MigrationReasons.Queued)), Budget(1, 9)),
            new Admit(TimeSpan.FromSeconds(75), TimeSpan.FromSeconds(12.5), false, true, null) },

        // Admission: deadline and estimate scaled by memory (limits over requests, else the 256 MiB default).
        { "a pod that declares no memory is admitted with the deadline of the 256 MiB default",
            Observe(TestMigrations.Migration(WithFinalizer())), new Admit(TimeSpan.FromSeconds(75), TimeSpan.FromSeconds(12.5), false, true, null) },
        { "a pod requesting 1 GiB is admitted with a 2 minute deadline",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSource(Requesting(null, "1Gi"))), new Admit(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(35), false, true, null) },
        { "a memory limit counts over the request: 2 GiB limit, 1 GiB request",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSource(Requesting(null, "1Gi"), Limiting(null, "2Gi"))), new Admit(TimeSpan.FromSeconds(180), TimeSpan.FromSeconds(65), false, true, null) },
        { "every container's memory adds up: a 1 GiB limit and a 512 MiB request",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSource(Limiting(null, "1Gi"), WithContainer("cache", null, "512Mi"))), new Admit(TimeSpan.FromSeconds(150), TimeSpan.FromSeconds(50), false, true, null) },
        { "an eviction's estimate above the caller's 2 minutes is admitted with a warning",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSource(Limiting(null, "4Gi"))),
            new Admit(TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(125), false, true, "estimated 125s for 4096 MiB exceeds the 120s an evicting caller") },
        { "an eviction request's estimate above the caller's budget warns too",
            Observe(TestMigrations.Migration(WithFinalizer(), TriggeredBy(MigrationTriggers.EvictionRequest)), WithSource(Limiting(null, "4Gi"))),
            new Admit(TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(125), false, true, "may give up on this node") },
        { "a manual migration has no caller waiting: no warning however long",
            Observe(TestMigrations.Migration(WithFinalizer(), TriggeredBy(MigrationTriggers.Manual)), WithSource(Limiting(null, "4Gi"))),
            new Admit(TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(125), false, true, null) },
        { "an estimate within the caller's budget gives no warning",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSource(Limiting(null, "3Gi"))), new Admit(TimeSpan.FromSeconds(240), TimeSpan.FromSeconds(95), false, true, null) },

        // Admission: what the status records about the node and the gate.
        { "a cordoned source node is recorded as draining",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSourceNode(Node(SourceNode, Cordoned()))), new Admit(TimeSpan.FromSeconds(75), TimeSpan.FromSeconds(12.5), true, true, null) },
        { "a node cluster-autoscaler is scaling down (tainted, not cordoned) is recorded as draining",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSourceNode(Node(SourceNode, WithTaint("ToBeDeletedByClusterAutoscaler", "1700000000", "NoSchedule")))),
            new Admit(TimeSpan.FromSeconds(75), TimeSpan.FromSeconds(12.5), true, true, null) },
        { "a node Karpenter is disrupting is recorded as draining",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSourceNode(Node(SourceNode, WithTaint("karpenter.sh/disrupted", null, "NoSchedule")))),
            new Admit(TimeSpan.FromSeconds(75), TimeSpan.FromSeconds(12.5), true, true, null) },
        { "a source node that cannot be read is not recorded as draining",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSourceNode(null)), new Admit(TimeSpan.FromSeconds(75), TimeSpan.FromSeconds(12.5), false, true, null) },
        { "a pod created before the install (no serving gate) is admitted without one",
            Observe(TestMigrations.Migration(WithFinalizer()), o => o with { Source = Pod(PodName, WithUid(PodUid), OnNode(SourceNode)) }),
            new Admit(TimeSpan.FromSeconds(75), TimeSpan.FromSeconds(12.5), false, false, null) },
        { "a Deployment's ReplicaSet pod is admitted",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSource(OwnedBy("ReplicaSet", "web-7d9f8c6b5"), WithLabel(Labels.PodTemplateHash, "7d9f8c6b5"))),
            new Admit(TimeSpan.FromSeconds(75), TimeSpan.FromSeconds(12.5), false, true, null) },
        { "a ReplicaSet pod without pod-template-hash cannot be parked, so it is not migrated",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSource(OwnedBy("ReplicaSet", "legacy"))),
            new Finish(MigrationPhases.Failed, MigrationReasons.UnsupportedOwner, "pod-template-hash") },
        { "a ReplicationController pod is not migrated (its owner is not handled deliberately)",
            Observe(TestMigrations.Migration(WithFinalizer()), WithSource(OwnedBy("ReplicationController", "old"))),
            new Finish(MigrationPhases.Failed, MigrationReasons.UnsupportedOwner, "ReplicationController") },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Pending_decides(string because, MigrationObservation observation, MigrationAction expected) =>
        PlannerAssert.Decides(because, expected, MigrationPlanner.Decide(observation));
}
