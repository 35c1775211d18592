using System.Globalization;
using System.Text;

namespace Interceptor.Bench.Migration;

/// <summary>Every migration of the run, one CSV row each (milliseconds), for looking past the medians (<c>--samples FILE</c>).</summary>
public static class SampleCsv
{
    private const string Header = "part,kind,size,round,name,phase,downtime,queued,preparing,off_to_checkpointing,agent,notice,verify_create,restore_ready,commit_done,"
        + "direct_checkpoint,direct_push,direct_create,direct_ready,direct_total";

    public static Task WriteAsync(string path, IReadOnlyList<DowntimeRound> downtime, IReadOnlyList<DrainRound> drains)
    {
        var text = new StringBuilder().AppendLine(Header);
        foreach (var r in downtime)
        {
            foreach (var s in r.Controller)
            {
                Controller(text, "downtime", r.Kind, r.Size, r.Round, s);
            }

            foreach (var d in r.Direct)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"downtime,{r.Kind},{r.Size},{r.Round},,,,,,,,,,,,{d.CheckpointMs:0.0},{d.PushMs:0.0},{d.CreateMs:0.0},{d.RestoreMs:0.0},{d.TotalMs:0.0}");
            }
        }

        foreach (var d in drains)
        {
            foreach (var s in d.Samples)
            {
                Controller(text, "drain", DowntimeRound.ControllerKind, d.Pods, d.Round, s);
            }
        }

        return File.WriteAllTextAsync(path, text.ToString());
    }

    private static void Controller(StringBuilder text, string part, string kind, int size, int round, ControllerSample s) =>
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{part},{kind},{size},{round},{s.Name},{s.Phase},{s.DowntimeMs:0.0},{s.QueuedMs:0.0},{s.PreparingMs:0.0},{s.OffToCheckpointingMs:0.0},{s.CheckpointingMs:0.0},{s.NoticeMs:0.0},{s.TransferringMs:0.0},{s.RestoringMs:0.0},{s.CommittingMs:0.0},,,,,");
}
