using System.Text;

namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// Reads the bearer token on every attempt. Projected service-account tokens expire (an hour by
/// default) and the kubelet rewrites the file well before that; a file of a kilobyte read once per
/// checkpoint costs nothing next to the checkpoint, whereas a cache could send an expired token.
/// </summary>
internal static class ServiceAccountToken
{
    private const int MaxTokenBytes = 64 * 1024;

    /// <summary>The token, or null when no token path is configured.</summary>
    public static async Task<string?> ReadAsync(string? path, ContainerRef container, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(container, $"could not be read ({ex.Message})", ex);
        }

        var token = bytes.Length <= MaxTokenBytes ? Encoding.UTF8.GetString(bytes).Trim() : string.Empty;
        // A JWT is printable ASCII; anything else would be refused by (or smuggled into) the header.
        if (token.Length == 0 || token.Any(c => c is < '!' or > '~'))
        {
            throw Unreadable(container, "is empty, oversized, or holds characters a bearer token cannot");
        }

        return token;
    }

    private static KubeletCheckpointException Unreadable(ContainerRef container, string problem, Exception? inner = null) =>
        new(KubeletFailureKind.Unauthorized, container, $"the service-account token file {problem}", innerException: inner);
}
