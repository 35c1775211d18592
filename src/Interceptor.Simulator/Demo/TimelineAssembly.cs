using Interceptor.Admission;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// Turns the recorded observations into one <see cref="TimelineRow"/> per pod the drain evicted or tried to. Pure.
/// A live migration's replacement is the pod its PodMigration names (<c>status.replacementPod</c>). Otherwise a
/// replacement is a pod of the same controller (ReplicaSet or StatefulSet UID) first seen after the drain began, off
/// the drained node, of the same name when there is one (a StatefulSet's); the others are handed out in order of
/// appearance to the sources in order of eviction.
/// </summary>
public static class TimelineAssembly
{
    public static IReadOnlyList<TimelineRow> Build(TimelineObservations observed)
    {
        var pods = observed.Pods.ToDictionary(p => p.Uid);
        var drainStart = observed.Evictions.Select(e => e.FirstAttempt).Min() ?? TimeSpan.Zero;
        var migrated = observed.Evictions.ToDictionary(e => e.Uid, e => MigrationReplacement(observed, e, drainStart));
        // An adopted live replacement shares its ReplicaSet's UID: it is never another pod's cold replacement.
        var taken = migrated.Values.OfType<PodSighting>().Select(p => p.Uid).ToHashSet();
        var rows = new List<TimelineRow>();
        foreach (var eviction in observed.Evictions.OrderBy(e => e.EvictedAt ?? TimeSpan.MaxValue).ThenBy(e => e.Name, StringComparer.Ordinal))
        {
            var source = pods.GetValueOrDefault(eviction.Uid);
            var replacement = migrated[eviction.Uid] ?? OwnersReplacement(observed, eviction, source, drainStart, taken);
            if (replacement is not null)
            {
                taken.Add(replacement.Uid);
            }

            rows.Add(Row(observed, eviction, source, replacement));
        }

        return [.. rows.OrderBy(r => r.Pod, StringComparer.Ordinal)];
    }

    private static PodSighting? MigrationReplacement(TimelineObservations observed, EvictionRecord eviction, TimeSpan drainStart) =>
        Migration(observed, eviction)?.ReplacementPod is { } name
            ? observed.Pods.Where(p => p.Name == name && p.FirstSeen >= drainStart).MaxBy(p => p.FirstSeen)
            : null;

    private static PodSighting? OwnersReplacement(TimelineObservations observed, EvictionRecord eviction, PodSighting? source, TimeSpan drainStart, HashSet<string> taken) =>
        eviction.EvictedAt is null || source?.OwnerUid is null
            ? null
            : observed.Pods
                .Where(p => p.OwnerUid == source.OwnerUid && p.Uid != source.Uid && p.FirstSeen >= drainStart
                    && p.Node != observed.DrainedNode && !taken.Contains(p.Uid))
                // A StatefulSet's replacement has its pod's name: that one, whatever came first.
                .OrderBy(p => p.Name == source.Name ? 0 : 1).ThenBy(p => p.FirstSeen)
                .FirstOrDefault();

    private static MigrationSighting? Migration(TimelineObservations observed, EvictionRecord eviction) =>
        observed.Migrations.FirstOrDefault(m => m.PodUid == eviction.Uid);

    private static TimelineRow Row(TimelineObservations observed, EvictionRecord eviction, PodSighting? source, PodSighting? replacement)
    {
        var migration = Migration(observed, eviction);
        var live = migration is { Succeeded: true };
        var counter = replacement is null ? null : observed.ReplacementCounters.GetValueOrDefault(replacement.Uid);
        var readyAt = replacement?.ReadyAt;
        return new TimelineRow(
            eviction.Name,
            source?.OwnerKind is { } kind ? $"{kind} {source.OwnerName}" : "bare pod",
            eviction.FirstAttempt,
            eviction.Denials,
            migration?.Name,
            migration is null ? null : string.IsNullOrEmpty(migration.Phase) ? "(none)" : migration.Phase,
            eviction.EvictedAt,
            Why(observed, eviction, source, migration),
            live ? eviction.FirstCounter : eviction.CounterAtEviction,
            replacement?.Name,
            replacement?.Node ?? (live ? migration!.TargetNode : null),
            readyAt,
            live ? migration!.Downtime : readyAt is { } ready && eviction.EvictedAt is { } evicted ? ready - evicted : null,
            counter?.InitialValue,
            Outcome(eviction, source, migration, replacement, counter),
            migration?.Checkpoint,
            migration?.Transfer,
            migration?.Restore);
    }

    private static string? Why(TimelineObservations observed, EvictionRecord eviction, PodSighting? source, MigrationSighting? migration)
    {
        if (eviction.EvictedAt is null)
        {
            return migration is { Succeeded: true } ? $"moved by its PodMigration, then gone ({migration.Message})" : eviction.LastDenial;
        }

        if (observed.AllowedMessages.TryGetValue(eviction.Uid, out var message))
        {
            return message;
        }

        return migration is null && source is { OptedIn: false } ? "pod is not opted in to live migration" : null;
    }

    private static PodOutcome Outcome(EvictionRecord eviction, PodSighting? source, MigrationSighting? migration, PodSighting? replacement, CounterSighting? counter)
    {
        if (eviction.EvictedAt is null && migration is not { Succeeded: true })
        {
            return eviction.LastDenial?.Contains(BlockedMarker, StringComparison.Ordinal) == true ? PodOutcome.Blocked : PodOutcome.StillDenied;
        }

        if (eviction.EvictedAt is not null && source?.OwnerUid is null && migration is not { Succeeded: true })
        {
            return PodOutcome.Lost;
        }

        return (replacement?.ReadyAt, counter) switch
        {
            (null, _) or (_, null) => PodOutcome.NoReplacementYet,
            (_, { Restored: true }) => PodOutcome.MigratedLive,
            _ => PodOutcome.ColdStart,
        };
    }

    /// <summary>
    /// How <see cref="EvictionMessages.Blocked"/> begins (a test keeps the two in step): the denial for a migration
    /// that failed, or was never picked up, under onFailure: Block. Every other 429 of ours says "in progress".
    /// </summary>
    public const string BlockedMarker = "Eviction blocked: ";
}
