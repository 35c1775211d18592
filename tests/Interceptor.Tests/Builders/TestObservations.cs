using Interceptor.Api;
using Interceptor.Migration;
using k8s.Models;

namespace Interceptor.Tests.Builders;

/// <summary>
/// What the reconciler gathered for one pass, for planner tests: by default the migration's source pod runs on its
/// (schedulable) node with its serving gate open and Ready, no replacement exists, the budget is empty, the clock reads
/// <see cref="TestClock.Now"/> and the policy is <see cref="Policy"/>. Modifiers change one thing each
/// (<c>Observe(migration, NoSource(), Budget(2, 2))</c>).
/// </summary>
public static class TestObservations
{
    /// <summary>The controller's defaults, spelled out so a row's numbers (90 s, 60 s, 2 minutes...) read against them here.</summary>
    public static MigrationPolicy Policy { get; } = new(
        MaxConcurrentPerNode: 2,
        MaxConcurrentInCluster: 10,
        DeadlineBase: TimeSpan.FromSeconds(60),
        DeadlinePerGiB: TimeSpan.FromSeconds(60),
        EstimateBase: TimeSpan.FromSeconds(5),
        EstimatePerGiB: TimeSpan.FromSeconds(30),
        CallerBudget: TimeSpan.FromMinutes(2),
        CheckpointTimeout: TimeSpan.FromSeconds(90),
        RestoreTimeout: TimeSpan.FromSeconds(60),
        CommitTimeout: TimeSpan.FromSeconds(30),
        TtlAfterFinished: TimeSpan.FromHours(1),
        AllowColdStart: false,
        PollInterval: TimeSpan.FromSeconds(1));

    public static MigrationObservation Observe(PodMigration migration, params Func<MigrationObservation, MigrationObservation>[] modifiers)
    {
        var observation = new MigrationObservation(migration, Source(), null, TestNodes.Node(TestMigrations.SourceNode), MigrationBudget.Empty, TestClock.Now, Policy);
        foreach (var modify in modifiers)
        {
            observation = modify(observation);
        }

        return observation;
    }

    /// <summary>The source pod as it runs before any migration touched it, changed by <paramref name="modifiers"/>.</summary>
    public static V1Pod Source(params Action<V1Pod>[] modifiers) => TestPods.Pod(TestMigrations.PodName,
    [
        TestPods.WithUid(TestMigrations.PodUid), TestPods.OnNode(TestMigrations.SourceNode), TestPods.OptedIn(),
        TestPods.WithServingGate(), TestPods.Serving(PodConditionTypeStatus.True), TestPods.Ready(), .. modifiers,
    ]);

    public static Func<MigrationObservation, MigrationObservation> WithSource(params Action<V1Pod>[] modifiers) => o => o with { Source = Source(modifiers) };

    /// <summary>The source pod is gone (or its name now belongs to another UID, which the gather treats the same).</summary>
    public static Func<MigrationObservation, MigrationObservation> NoSource() => o => o with { Source = null };

    public static Func<MigrationObservation, MigrationObservation> WithReplacement(V1Pod replacement) => o => o with { Replacement = replacement };

    public static Func<MigrationObservation, MigrationObservation> WithSourceNode(V1Node? node) => o => o with { SourceNode = node };

    public static Func<MigrationObservation, MigrationObservation> Budget(int fromSourceNode, int inCluster) => o => o with { Budget = new(fromSourceNode, inCluster) };

    /// <summary>The clock moved <paramref name="span"/> past <see cref="TestClock.Now"/> (everything else as recorded).</summary>
    public static Func<MigrationObservation, MigrationObservation> Later(TimeSpan span) => o => o with { Now = TestClock.Now + span };

    public static Func<MigrationObservation, MigrationObservation> WithPolicy(Func<MigrationPolicy, MigrationPolicy> change) => o => o with { Policy = change(o.Policy) };
}
