using System.IO.Pipelines;

namespace Interceptor.Bench.Common;

/// <summary>Small things every run and every baseline endpoint does the same way.</summary>
public static class RunHygiene
{
    /// <summary>The same start for every run: no garbage left over from the previous one.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>Reads a request body to its end and drops it: what a baseline endpoint does with a body it does not parse.</summary>
    public static async Task DrainAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }
}
