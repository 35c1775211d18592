using System.Diagnostics;

namespace Interceptor.Bench.Common;

/// <summary>
/// CPU used by this process and by the whole machine at one instant. Two snapshots give this process's CPU per
/// request and how much of the machine other processes took meanwhile (the noise a shared 2-core machine adds).
/// Machine figures come from /proc/stat and are NaN where it does not exist.
/// </summary>
public readonly record struct CpuSnapshot(long Timestamp, TimeSpan ProcessCpu, long MachineBusy, long MachineTotal)
{
    public static CpuSnapshot Take()
    {
        var (busy, total) = ReadProcStat();
        return new CpuSnapshot(Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime, busy, total);
    }

    /// <summary>Share of all cores this process used between the snapshots (0..1).</summary>
    public static double ProcessShare(CpuSnapshot from, CpuSnapshot to)
    {
        var wall = Stopwatch.GetElapsedTime(from.Timestamp, to.Timestamp);
        return wall <= TimeSpan.Zero ? double.NaN : (to.ProcessCpu - from.ProcessCpu) / wall / Environment.ProcessorCount;
    }

    /// <summary>Share of all cores the whole machine was busy between the snapshots (0..1).</summary>
    public static double MachineShare(CpuSnapshot from, CpuSnapshot to) =>
        to.MachineTotal > from.MachineTotal ? (double)(to.MachineBusy - from.MachineBusy) / (to.MachineTotal - from.MachineTotal) : double.NaN;

    private static (long Busy, long Total) ReadProcStat()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var fields = reader.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is not { Length: > 5 } || fields[0] != "cpu")
            {
                return (0, 0);
            }

            // user nice system idle iowait irq softirq steal ...: idle and iowait are not busy.
            var values = fields.Skip(1).Take(8).Select(long.Parse).ToArray();
            var total = values.Sum();
            return (total - values[3] - values[4], total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
        catch (UnauthorizedAccessException)
        {
            return (0, 0);
        }
    }
}
