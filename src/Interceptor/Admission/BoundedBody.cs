using System.Buffers;
using System.IO.Pipelines;

namespace Interceptor.Admission;

/// <summary>
/// Reads a request body up to a cap without copying it: a chunked or lying client cannot make us buffer more
/// than the cap, and the common case parses straight from Kestrel's buffers.
/// </summary>
public static class BoundedBody
{
    public delegate T Parser<out T>(ReadOnlySequence<byte> body);

    /// <returns>The parsed value, or <c>TooLarge</c> when the body exceeds <paramref name="maxBytes"/>.</returns>
    public static async Task<(T? Value, bool TooLarge)> ReadAsync<T>(PipeReader reader, long? declaredLength, int maxBytes, Parser<T> parse, CancellationToken cancellationToken)
    {
        if (declaredLength > maxBytes)
        {
            return (default, true);
        }

        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length > maxBytes)
            {
                reader.AdvanceTo(buffer.End);
                return (default, true);
            }

            if (result.IsCompleted)
            {
                try
                {
                    return (parse(buffer), false);
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }
            }

            // Nothing consumed yet, all examined: wake up when more arrives.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
