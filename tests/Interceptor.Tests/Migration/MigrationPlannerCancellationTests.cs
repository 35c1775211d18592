using Interceptor.Api;
using Interceptor.Migration;
using k8s.Models;
using Interceptor.Tests.Builders;
using Xunit;
using static Interceptor.Tests.Builders.TestMigrations;
using static Interceptor.Tests.Builders.TestNodes;
using static Interceptor.Tests.Builders.TestObservations;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Migration;

/// <summary>
/// Before the commit point, in every phase from Preparing to Restoring, the same causes roll back, first one wins: the
/// PodMigration deleted, the node uncordoned (only when it was draining at admission), the pod gone, the deadline passed.
/// Each phase starts from a healthy migration whose own step is known, so "goes on" means exactly that step.
/// </summary>
public sealed class MigrationPlannerCancellationTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly string[] PreCommitPhases =
        [MigrationPhases.Preparing, MigrationPhases.Checkpointing, MigrationPhases.Transferring, MigrationPhases.Restoring];

    public static TheoryData<string, MigrationObservation, MigrationAction> Rows
    {
        get
        {
            var rows = new TheoryData<string, MigrationObservation, MigrationAction>();
            foreach (var phase in PreCommitPhases)
            {
                var goesOn = OwnStep(phase);
                rows.Add($"a healthy migration in {phase} takes its own step", InFlight(phase, []), goesOn);
                rows.Add($"a migration deleted in {phase} rolls back",
                    InFlight(phase, [Deleted()]), new RollBack(MigrationReasons.MigrationDeleted, "deleted before the commit point"));
                rows.Add($"a draining source node uncordoned in {phase} withdraws the eviction",
                    InFlight(phase, [AdmittedWhileDraining()]), new RollBack(MigrationReasons.NodeUncordoned, "node node-a was uncordoned"));
                rows.Add($"a schedulable source node in {phase} that was never draining is no uncordon",
                    InFlight(phase, [AdmittedWhileDraining(false)]), goesOn);
                rows.Add($"a source node still cordoned in {phase} goes on",
                    InFlight(phase, [AdmittedWhileDraining()], WithSourceNode(Node(SourceNode, Cordoned()))), goesOn);
                rows.Add($"a source node uncordoned but still tainted by cluster-autoscaler in {phase} goes on",
                    InFlight(phase, [AdmittedWhileDraining()], WithSourceNode(Node(SourceNode, WithTaint("ToBeDeletedByClusterAutoscaler", null, "NoSchedule")))), goesOn);
                rows.Add($"a draining source node that no longer exists in {phase} is no uncordon",
                    InFlight(phase, [AdmittedWhileDraining()], WithSourceNode(null)), goesOn);
                rows.Add($"the source pod gone in {phase} rolls back",
                    InFlight(phase, [], NoSource()), new RollBack(MigrationReasons.SourcePodGone, $"pod web-0 ({PodUid}) is gone"));
                rows.Add($"a deadline passed in {phase} rolls back",
                    InFlight(phase, [], Later(Deadline + TimeSpan.FromSeconds(1))), new RollBack(MigrationReasons.DeadlineExceeded, $"(in phase {phase})"));
                rows.Add($"exactly at the deadline in {phase} goes on",
                    InFlight(phase, [], Later(Deadline)), goesOn);
                rows.Add($"deleted with its pod gone in {phase} rolls back as deleted: the first cause wins",
                    InFlight(phase, [Deleted()], NoSource()), new RollBack(MigrationReasons.MigrationDeleted, ""));
                rows.Add($"uncordoned past the deadline in {phase} rolls back as uncordoned: the first cause wins",
                    InFlight(phase, [AdmittedWhileDraining()], Later(Deadline + TimeSpan.FromSeconds(1))), new RollBack(MigrationReasons.NodeUncordoned, ""));
                rows.Add($"the pod gone past the deadline in {phase} rolls back as gone: the first cause wins",
                    InFlight(phase, [], NoSource(), Later(Deadline + TimeSpan.FromSeconds(1))), new RollBack(MigrationReasons.SourcePodGone, ""));
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Before_the_commit_point_these_roll_back(string because, MigrationObservation observation, MigrationAction expected) =>
        PlannerAssert.Decides(because, expected, MigrationPlanner.Decide(observation));

    /// <summary>
    /// A migration in <paramref name="phase"/> with everything that phase needs, admitted from a schedulable node and
    /// observed with that node still schedulable, unless <paramref name="more"/> or <paramref name="observed"/> say otherwise.
    /// </summary>
    private static MigrationObservation InFlight(string phase, Action<PodMigration>[] more, params Func<MigrationObservation, MigrationObservation>[] observed)
    {
        List<Action<PodMigration>> status = [WithFinalizer(), OnAttempt(1), DeadlineIn(Deadline), AdmittedWhileDraining(false), WithTarget(), TrafficOffAgo(TimeSpan.FromSeconds(5))];
        Func<MigrationObservation, MigrationObservation>[] world = [];
        switch (phase)
        {
            case MigrationPhases.Checkpointing:
                status.Add(WithCheckpoints(Listed("app")));
                break;
            case MigrationPhases.Transferring:
                status.AddRange([WithCheckpoints(Published("app")), WithCondition(PodMigrationConditions.Checkpointed, PodMigrationConditions.True)]);
                break;
            case MigrationPhases.Restoring:
                status.AddRange([WithCheckpoints(Published("app")), WithCondition(PodMigrationConditions.Checkpointed, PodMigrationConditions.True), WithReplacement()]);
                world = [WithReplacement(Creating())];
                break;
        }

        status.Add(Entered(phase));
        return Observe(TestMigrations.Migration([.. status, .. more]), [.. world, .. observed]);
    }

    private static MigrationAction OwnStep(string phase) => phase switch
    {
        MigrationPhases.Preparing => new RequestCheckpoint(["app"]),
        MigrationPhases.Transferring => new CreateReplacement(Parked: false),
        _ => new Wait(TimeSpan.FromSeconds(1), "waiting"),
    };

    private static V1Pod Creating() =>
        Pod(ReplacementName, OnNode(TargetNode), WithImage(CheckpointImage("app")), WithServingGate(), ContainerWaiting("app", "ContainerCreating"));
}
