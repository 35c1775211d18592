using System.Globalization;
using System.Text;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// What the simulated process writes to stdout: one line per count, <c>count N</c>. A restored process goes on from
/// the checkpointed value, so its log starts where the source's stopped. The kubelet's <c>tailLines</c> and
/// <c>limitBytes</c> apply as in its containerLogs handler (pkg/kubelet/server/server.go getContainerLogs).
/// </summary>
internal static class ContainerLog
{
    public static string Text(ProcessCounter counter, DateTimeOffset now, long? tailLines, long? limitBytes)
    {
        var last = counter.ValueAt(now);
        var first = counter.InitialValue + 1;
        if (tailLines is { } tail)
        {
            first = Math.Max(first, last - tail + 1);
        }
        var text = new StringBuilder();
        for (var value = first; value <= last; value++)
        {
            text.Append(CultureInfo.InvariantCulture, $"count {value}\n");
        }
        return limitBytes is { } limit && limit < text.Length ? text.ToString(0, (int)limit) : text.ToString();
    }
}
