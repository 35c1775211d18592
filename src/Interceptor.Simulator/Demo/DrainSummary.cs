using System.Globalization;

namespace Interceptor.Simulator.Demo;

/// <summary>The simulate command's closing summary, counted from the timeline rows and the interceptor's metrics. Pure.</summary>
public sealed record DrainSummary(
    int Drained,
    int MigratedLive,
    int ColdStarts,
    int Lost,
    int Blocked,
    int StillDenied,
    int WithoutReplacement,
    bool NodeDrained,
    TimeSpan DrainTime,
    IReadOnlyList<AdmissionDecisionCount> Decisions)
{
    public static DrainSummary From(IReadOnlyList<TimelineRow> rows, DrainResult drain, IReadOnlyList<AdmissionDecisionCount> decisions)
    {
        int Count(PodOutcome outcome) => rows.Count(r => r.Outcome == outcome);
        return new DrainSummary(
            rows.Count(r => r.Outcome is not (PodOutcome.Blocked or PodOutcome.StillDenied)), Count(PodOutcome.MigratedLive), Count(PodOutcome.ColdStart), Count(PodOutcome.Lost),
            Count(PodOutcome.Blocked), Count(PodOutcome.StillDenied), Count(PodOutcome.NoReplacementYet), drain.Drained, drain.Elapsed, decisions);
    }

    public IReadOnlyList<string> Format()
    {
        List<string> lines =
        [
            $"pods drained (gone from node):   {Drained}",
            $"  migrated live:                 {MigratedLive} (replacement restored from the checkpoint, counter continued)",
            $"  evicted with a cold start:     {ColdStarts} (replacement made by its owner, process state lost)",
            $"  lost (bare pods):              {Lost}",
        ];
        if (WithoutReplacement > 0)
        {
            lines.Add($"  no Ready replacement yet:      {WithoutReplacement}");
        }

        lines.Add($"blocked by onFailure: Block:     {Blocked}");
        if (StillDenied > 0)
        {
            lines.Add($"still denied, in progress:       {StillDenied}");
        }

        lines.Add($"drain: {(NodeDrained ? "node drained" : "did not finish (global timeout)")} after {DrainTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s");
        lines.Add("interceptor decisions (interceptor_admission_decisions_total from its /metrics):");
        lines.AddRange(Decisions.Where(d => !d.DryRun).OrderBy(d => d.Decision, StringComparer.Ordinal).ThenBy(d => d.Reason, StringComparer.Ordinal)
            .Select(d => $"  {d.Decision,-5} {d.Reason,-22} {d.Count}"));
        return lines;
    }
}
