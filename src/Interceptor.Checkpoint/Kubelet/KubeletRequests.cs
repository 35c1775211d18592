namespace Interceptor.Checkpoint.Kubelet;

/// <summary>Builds the checkpoint request's URI and its timeout parameter.</summary>
internal static class KubeletRequests
{
    // Longer than any sane checkpoint; keeps the deadline arithmetic far from overflow.
    private static readonly TimeSpan MaxCheckpointTimeout = TimeSpan.FromHours(6);

    /// <summary>
    /// The timeout in whole seconds, rounded up. The kubelet parses the parameter as an integer and
    /// answers 404 "cannot parse value of timeout parameter" to anything else, and 0 would mean the
    /// runtime's default (2 minutes) rather than ours, so a fraction is never sent.
    /// </summary>
    public static long WholeSeconds(TimeSpan checkpointTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(checkpointTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(checkpointTimeout, MaxCheckpointTimeout);
        return (checkpointTimeout.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
    }

    /// <summary>
    /// <c>{base}/checkpoint/{ns}/{pod}/{container}?timeout=N</c>. The names are already validated;
    /// escaping them anyway keeps the path intact should the rules ever be loosened.
    /// </summary>
    public static Uri CheckpointUri(Uri baseAddress, ContainerRef container, long timeoutSeconds)
    {
        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        var relative = string.Join('/', "checkpoint",
            Uri.EscapeDataString(container.Namespace),
            Uri.EscapeDataString(container.Pod),
            Uri.EscapeDataString(container.Container));
        return new Uri(root, $"{relative}?timeout={timeoutSeconds}");
    }
}
