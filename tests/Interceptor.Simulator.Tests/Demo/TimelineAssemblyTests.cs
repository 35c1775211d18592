using Interceptor.Admission;
using Interceptor.Simulator.Demo;
using Xunit;

namespace Interceptor.Simulator.Tests.Demo;

/// <summary>Rows come from what was recorded: replacements by owner UID, downtime from the times, outcome from the counters.</summary>
public sealed class TimelineAssemblyTests
{
    private const string Drained = "node-1";
    private const string NotPickedUp = "live migration shop/x was not picked up ...; evicting normally (onFailure: Evict)";

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static PodSighting Pod(string uid, string name, string? ownerUid, string node, double seen, double? ready = null, bool optedIn = true) =>
        new(uid, name, ownerUid is null ? null : "ReplicaSet", ownerUid is null ? null : "rs", ownerUid, optedIn, node, S(seen), ready is { } r ? S(r) : null, null);

    private static EvictionRecord Evicted(string uid, string name, double at, int denials = 3, long counter = 500) =>
        new(uid, name, S(2), denials, "Eviction triggered evacuation ...", S(at), S(at + 0.01), counter);

    private static TimelineObservations Observed(
        IReadOnlyList<EvictionRecord> evictions, IReadOnlyList<PodSighting> pods,
        Dictionary<string, CounterSighting>? counters = null, Dictionary<string, string>? allowed = null) =>
        new(Drained, evictions, pods, [new MigrationSighting("a-1234", "a", null)], allowed ?? [], counters ?? []);

    [Fact]
    public void An_owned_pod_evicted_and_replaced_cold_on_another_node_has_its_downtime_and_a_start_counter_of_zero()
    {
        var observed = Observed(
            [Evicted("a", "a", at: 12)],
            [Pod("a", "a", "rs-uid", Drained, seen: 0, ready: 1), Pod("b", "b", "rs-uid", "node-2", seen: 12.02, ready: 12.5)],
            counters: new() { ["b"] = new CounterSighting(0, Restored: false) },
            allowed: new() { ["a"] = NotPickedUp });

        var row = Assert.Single(TimelineAssembly.Build(observed));

        Assert.Equal(new TimelineRow("a", "ReplicaSet rs", S(2), 3, "a-1234", "(none)", S(12), NotPickedUp, 500, "b", "node-2", S(12.5), S(0.5), 0, PodOutcome.ColdStart), row);
    }

    [Fact]
    public void A_replacement_that_restored_counts_as_migrated_live()
    {
        var observed = Observed(
            [Evicted("a", "a", at: 12)],
            [Pod("a", "a", "rs-uid", Drained, 0, 1), Pod("b", "b", "rs-uid", "node-2", 12.02, 12.5)],
            counters: new() { ["b"] = new CounterSighting(500, Restored: true) });

        Assert.Equal(PodOutcome.MigratedLive, Assert.Single(TimelineAssembly.Build(observed)).Outcome);
    }

    [Fact]
    public void Two_pods_of_one_owner_get_its_two_replacements_in_order_of_eviction_and_appearance()
    {
        var observed = Observed(
            [Evicted("a", "a", at: 12), Evicted("c", "c", at: 11)],
            [
                Pod("a", "a", "rs-uid", Drained, 0, 1), Pod("c", "c", "rs-uid", Drained, 0, 1),
                Pod("r1", "r1", "rs-uid", "node-2", 11.1, 11.5), Pod("r2", "r2", "rs-uid", "node-3", 12.1, 12.4),
            ]);

        var rows = TimelineAssembly.Build(observed);

        Assert.Equal(["a:r2", "c:r1"], rows.Select(r => $"{r.Pod}:{r.Replacement}"));
    }

    [Fact]
    public void A_StatefulSet_pod_gets_the_replacement_of_its_own_name_whatever_appeared_first()
    {
        var observed = Observed(
            [Evicted("a", "cache-0", at: 11), Evicted("c", "cache-1", at: 11.1)],
            [
                Pod("a", "cache-0", "sts-uid", Drained, 0, 1), Pod("c", "cache-1", "sts-uid", Drained, 0, 1),
                Pod("r1", "cache-1", "sts-uid", "node-2", 11.2, 11.5), Pod("r0", "cache-0", "sts-uid", "node-2", 11.3, 11.6),
            ]);

        var rows = TimelineAssembly.Build(observed);

        Assert.Equal([("cache-0", S(11.6)), ("cache-1", S(11.5))], rows.Select(r => (r.Pod, r.ReplacementReadyAt!.Value)));
    }

    [Fact]
    public void A_pod_that_existed_before_the_drain_is_no_replacement()
    {
        var observed = Observed(
            [Evicted("a", "a", at: 12)],
            [Pod("a", "a", "rs-uid", Drained, 0, 1), Pod("old", "old", "rs-uid", "node-2", seen: 0.5, ready: 1)]);

        var row = Assert.Single(TimelineAssembly.Build(observed));

        Assert.Null(row.Replacement);
        Assert.Equal(PodOutcome.NoReplacementYet, row.Outcome);
    }

    [Fact]
    public void An_evicted_bare_pod_is_lost_with_no_replacement()
    {
        var observed = Observed([Evicted("a", "a", at: 12)], [Pod("a", "a", ownerUid: null, Drained, 0, 1)]);

        var row = Assert.Single(TimelineAssembly.Build(observed));

        Assert.Equal(("bare pod", PodOutcome.Lost, (string?)null, (TimeSpan?)null), (row.Owner, row.Outcome, row.Replacement, row.Downtime));
    }

    [Fact]
    public void A_pod_never_evicted_whose_last_denial_says_blocked_is_held_by_Block()
    {
        var blocked = "admission webhook \"w\" denied the request: "
            + EvictionMessages.Blocked(new EvictionReview("u", "shop", "a", false, null, null), new MigrationFacts("shop", "a-1", "a", null, "Block", null, null, null), "was not picked up");
        var observed = Observed([new EvictionRecord("a", "a", S(2), 14, blocked)], [Pod("a", "a", ownerUid: null, Drained, 0, 1)]);

        var row = Assert.Single(TimelineAssembly.Build(observed));

        Assert.Equal((PodOutcome.Blocked, (TimeSpan?)null, 14, blocked), (row.Outcome, row.EvictedAt, row.Denials, row.Why));
    }

    [Fact]
    public void A_pod_never_evicted_while_its_migration_is_in_progress_is_still_denied()
    {
        var observed = Observed([new EvictionRecord("a", "a", S(2), 4, "Eviction triggered evacuation of pod shop/a")], [Pod("a", "a", "rs-uid", Drained, 0, 1)]);

        Assert.Equal(PodOutcome.StillDenied, Assert.Single(TimelineAssembly.Build(observed)).Outcome);
    }

    [Fact]
    public void A_pod_not_opted_in_has_no_PodMigration_and_says_so()
    {
        var observed = Observed([Evicted("n", "n", at: 3, denials: 0)], [Pod("n", "n", "rs-uid", Drained, 0, 1, optedIn: false)]);

        var row = Assert.Single(TimelineAssembly.Build(observed));

        Assert.Equal(((string?)null, (string?)null, "pod is not opted in to live migration"), (row.Migration, row.MigrationPhase, row.Why));
    }

    [Fact]
    public void A_pod_its_PodMigration_moved_is_migrated_live_with_the_replacement_it_names_and_the_phase_times_and_downtime_it_recorded()
    {
        var migration = new MigrationSighting("a-1234", "a", "Succeeded", "Restored: moved", "a-m1-x", "node-3", S(0.3), S(0.02), S(0.2), S(0.55));
        var observed = new TimelineObservations(Drained,
            [new EvictionRecord("a", "a", S(2), 2, "Eviction triggered evacuation ...", GoneAt: S(3.1), LastCounter: 320, FirstCounter: 200)],
            [
                Pod("a", "a", "rs-uid", Drained, 0, 1),
                Pod("cold", "cold", "rs-uid", "node-2", seen: 2.5, ready: 2.6),
                Pod("r", "a-m1-x", "rs-uid", "node-3", seen: 2.4, ready: 3.0),
            ],
            [migration], new Dictionary<string, string>(), new Dictionary<string, CounterSighting> { ["r"] = new(250, Restored: true) });

        var row = Assert.Single(TimelineAssembly.Build(observed));

        Assert.Equal(
            ("a-m1-x", "node-3", 200L, 250L, S(0.55), PodOutcome.MigratedLive, S(0.3), S(0.02), S(0.2)),
            (row.Replacement, row.ReplacementNode, row.CounterAtEviction, row.ReplacementInitialCounter, row.Downtime, row.Outcome, row.Checkpoint, row.Transfer, row.Restore));
    }

    [Fact]
    public void Phase_times_come_from_the_history_in_time_order_and_a_phase_never_left_has_none()
    {
        var at = new DateTime(2026, 12, 6, 15, 0, 0, DateTimeKind.Utc);
        List<Interceptor.Api.PhaseTransition> history =
        [
            new() { Phase = "Transferring", Time = at.AddSeconds(1.5) },
            new() { Phase = "Checkpointing", Time = at.AddSeconds(1) },
            new() { Phase = "Restoring", Time = at.AddSeconds(1.6) },
        ];

        Assert.Equal((S(0.5), S(0.1), (TimeSpan?)null),
            (MigrationSighting.TimeIn(history, "Checkpointing"), MigrationSighting.TimeIn(history, "Transferring"), MigrationSighting.TimeIn(history, "Restoring")));
    }
}
