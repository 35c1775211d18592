using System.Globalization;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// The per-pod timeline as text. Checkpoint, transfer and restore are a live migration's phases as its PodMigration
/// recorded them; a pod that was not migrated shows "-" there, never an invented number. Pure.
/// </summary>
public static class TimelineReport
{
    public const string None = "-";

    private static readonly string[] Header =
    [
        "POD", "OWNER", "1ST EVICTION", "429s", "PODMIGRATION", "PHASE", "EVICTED", "COUNTER",
        "CHECKPOINT", "TRANSFER", "RESTORE", "REPLACEMENT", "NODE", "READY", "DOWNTIME", "START COUNTER",
    ];

    public static IReadOnlyList<string> Format(IReadOnlyList<TimelineRow> rows)
    {
        List<string> lines = [.. TextTable.Format(Header, [.. rows.Select(Cells)])];
        lines.Add("CHECKPOINT, TRANSFER, RESTORE: time in each phase of the pod's PodMigration (status.phaseHistory); DOWNTIME: its");
        lines.Add("  status.downtimeSeconds (traffic off to replacement Ready), or for an evicted pod allowed eviction to replacement Ready.");
        lines.Add("COUNTER: the source's counter at its allowed eviction, or for a live migration at the first eviction request (its");
        lines.Add("  checkpoint came later); START COUNTER: where the replacement began: 0 is a cold start, a restore continues from the checkpoint.");
        lines.Add("why each eviction was allowed, or the last answer:");
        lines.AddRange(rows.Select(r => $"  {r.Pod}: {Describe(r.Outcome)}{(r.Why is null ? "" : $": {r.Why}")}"));
        return lines;
    }

    public static string Seconds(TimeSpan? at) => at is { } t ? t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "s" : None;

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
        r.Pod, r.Owner, Seconds(r.FirstAttempt), r.Denials.ToString(CultureInfo.InvariantCulture), r.Migration ?? None,
        r.MigrationPhase ?? None, Seconds(r.EvictedAt), Number(r.CounterAtEviction),
        Seconds(r.Checkpoint), Seconds(r.Transfer), Seconds(r.Restore),
        r.Replacement ?? None, r.ReplacementNode ?? None, Seconds(r.ReplacementReadyAt), Seconds(r.Downtime),
        Number(r.ReplacementInitialCounter),
    ];

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? None;
}
