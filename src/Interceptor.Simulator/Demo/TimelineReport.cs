using System.Globalization;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// The per-pod timeline as text. Checkpoint, transfer and restore show "-": those steps are the migration
/// controller's, which does not exist yet, and a number there would be invented. Pure.
/// </summary>
public static class TimelineReport
{
    public const string NotBuiltYet = "-";

    private static readonly string[] Header =
    [
        "POD", "OWNER", "1ST EVICTION", "429s", "PODMIGRATION", "PHASE", "EVICTED", "COUNTER",
        "CHECKPOINT*", "TRANSFER*", "RESTORE*", "REPLACEMENT", "NODE", "READY", "DOWNTIME", "START COUNTER",
    ];

    public static IReadOnlyList<string> Format(IReadOnlyList<TimelineRow> rows)
    {
        List<string> lines = [.. TextTable.Format(Header, [.. rows.Select(Cells)])];
        lines.Add("* checkpoint, transfer and restore are the migration controller's steps; it is not built yet, so nothing");
        lines.Add("  checkpoints a pod and every replacement starts cold (START COUNTER 0: the process state is lost).");
        lines.Add("why each eviction was allowed, or the last answer:");
        lines.AddRange(rows.Select(r => $"  {r.Pod}: {Describe(r.Outcome)}{(r.Why is null ? "" : $": {r.Why}")}"));
        return lines;
    }

    public static string Seconds(TimeSpan? at) => at is { } t ? t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "s" : NotBuiltYet;

    public static string Describe(PodOutcome outcome) => outcome switch
    {
        PodOutcome.MigratedLive => "migrated live",
        PodOutcome.ColdStart => "evicted, replacement started cold",
        PodOutcome.NoReplacementYet => "evicted, no Ready replacement yet",
        PodOutcome.Lost => "evicted, bare pod: it and its state are gone",
        PodOutcome.Blocked => "still on the node, held by onFailure: Block",
        PodOutcome.StillDenied => "still on the node, eviction still denied",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    private static IReadOnlyList<string> Cells(TimelineRow r) =>
    [
        r.Pod, r.Owner, Seconds(r.FirstAttempt), r.Denials.ToString(CultureInfo.InvariantCulture), r.Migration ?? NotBuiltYet,
        r.MigrationPhase ?? NotBuiltYet, Seconds(r.EvictedAt), Number(r.CounterAtEviction),
        NotBuiltYet, NotBuiltYet, NotBuiltYet,
        r.Replacement ?? NotBuiltYet, r.ReplacementNode ?? NotBuiltYet, Seconds(r.ReplacementReadyAt), Seconds(r.Downtime),
        Number(r.ReplacementInitialCounter),
    ];

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? NotBuiltYet;
}
