using Interceptor.Api;
using Interceptor.Migration;
using Interceptor.Tests.Builders;
using Xunit;
using static Interceptor.Tests.Builders.TestMigrations;
using static Interceptor.Tests.Builders.TestObservations;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Migration;

/// <summary>Preparing: target first (failing early costs nothing), then traffic off, then the checkpoint request.</summary>
public sealed class MigrationPlannerPreparingTests
{
    public static TheoryData<string, MigrationObservation, MigrationAction> Rows => new()
    {
        { "an admitted migration without a target selects one",
            Observe(Preparing()), new SelectTarget() },
        { "an explicit spec.targetNode is still checked by target selection",
            Observe(Preparing(m => m.Spec.TargetNode = TargetNode)), new SelectTarget() },
        { "a bare pod with its gate goes off traffic through the gate",
            Observe(Preparing(WithTarget())), new TakeTrafficOff(HasGate: true) },
        { "a ReplicaSet pod goes off traffic the same way; its deletion cost waits for the commit (another migration's adoption must not pick it)",
            Observe(Preparing(WithTarget()), WithSource(OwnedBy("ReplicaSet", "web-7d9f8c6b5"))), new TakeTrafficOff(HasGate: true) },
        { "a bare pod without a gate has nothing to switch but is still marked off",
            Observe(Preparing(WithTarget()), o => o with { Source = Pod(PodName, WithUid(PodUid)) }), new TakeTrafficOff(HasGate: false) },
        { "traffic off: the checkpoint of every container is requested",
            Observe(Preparing(WithTarget(), TrafficOffAgo(TimeSpan.FromSeconds(1)))), new RequestCheckpoint(["app"]) },
        { "native sidecars are checkpointed before the containers; finished init containers are not",
            Observe(Preparing(WithTarget(), TrafficOffAgo(TimeSpan.FromSeconds(1))),
                WithSource(WithInitContainer("init-db", null, null), WithInitContainer("proxy", null, null, sidecar: true), WithContainer("metrics", null, "64Mi"))),
            new RequestCheckpoint(["proxy", "app", "metrics"]) },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Preparing_decides(string because, MigrationObservation observation, MigrationAction expected) =>
        PlannerAssert.Decides(because, expected, MigrationPlanner.Decide(observation));

    private static PodMigration Preparing(params Action<PodMigration>[] more) => TestMigrations.Migration(
    [
        WithFinalizer(), Entered(MigrationPhases.Pending, TimeSpan.FromSeconds(10)), Entered(MigrationPhases.Preparing),
        OnAttempt(1), DeadlineIn(TimeSpan.FromMinutes(1)), AdmittedWhileDraining(false), .. more,
    ]);
}
