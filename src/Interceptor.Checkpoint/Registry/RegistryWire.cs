using System.Buffers;

namespace Interceptor.Checkpoint.Registry;

/// <summary>One HTTP exchange with a bounded body read, transport errors classified. No retries, no auth.</summary>
internal static class RegistryWire
{
    public static async Task<RegistryResponse> SendOnceAsync(
        HttpClient http, HttpRequestMessage request, int maxBodyBytes, string operation, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var body = await ReadBoundedAsync(response.Content, maxBodyBytes, operation, cancellationToken).ConfigureAwait(false);
            return new RegistryResponse(response.StatusCode, response.Headers, response.Content.Headers, body);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && RegistryFailures.FromTransport(operation, ex) is { } failure)
        {
            throw failure;
        }
    }

    // The body is read inside the attempt, so a registry that trickles it runs into the attempt timeout.
    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, int maxBytes, string operation, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            throw RegistryFailures.Protocol(operation, $"response body of {content.Headers.ContentLength} bytes is over the {maxBytes}-byte cap");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 64 * 1024));
            try
            {
                using var body = new MemoryStream();
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    body.Write(buffer, 0, read);
                    if (body.Length > maxBytes)
                    {
                        throw RegistryFailures.Protocol(operation, $"response body is over the {maxBytes}-byte cap");
                    }
                }

                return body.ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
