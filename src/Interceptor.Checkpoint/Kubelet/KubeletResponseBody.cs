using System.Text;

namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// Reads a kubelet response body up to a cap, under the attempt's cancellation token, so a body
/// that trickles ends at the deadline and a huge one cannot fill memory.
/// </summary>
internal static class KubeletResponseBody
{
    /// <summary>The body as text and whether it was longer than <paramref name="maxBytes"/> (then cut there).</summary>
    public static async Task<(string Text, bool Truncated)> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[maxBytes + 1];
            var filled = 0;
            while (filled < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            var truncated = filled > maxBytes;
            return (Encoding.UTF8.GetString(buffer, 0, Math.Min(filled, maxBytes)), truncated);
        }
    }
}
