namespace Interceptor.Checkpoint.Registry;

/// <summary>Where the registry is and how to talk to it.</summary>
public sealed record RegistryOptions
{
    /// <summary>The registry's base address, <c>https://host[:port]</c> (or <c>http://</c> for a loopback test registry).</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>For basic auth, or to obtain a bearer token from the registry's token endpoint.</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>
    /// Host names, besides the registry's own, of token services (Bearer realms) that may receive the
    /// credentials: a registry whose token service lives elsewhere (Docker Hub's auth host, GitLab) must be
    /// named here. The realm must be https whatever this holds.
    /// </summary>
    public IReadOnlyList<string> TokenRealmHosts { get; init; } = [];

    /// <summary>PEM CA bundle: when set, only these CAs are trusted for the registry (and its token endpoint), not the system roots.</summary>
    public string? CertificateAuthorityPath { get; init; }

    /// <summary>
    /// Bytes per PATCH of a chunked upload. Two chunk buffers exist at once (one filling, one in flight),
    /// so this bounds the upload's memory at twice its size.
    /// </summary>
    public int ChunkSizeBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Attempts per request for transient failures (1 = no retry).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>One attempt of one request, body included; a chunk must get through in this time.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Cap on a response body the client reads (errors, manifests, tokens).</summary>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>Throws <see cref="ArgumentException"/> for options that cannot work; returns them otherwise.</summary>
    public RegistryOptions Validated()
    {
        if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp) || Endpoint.AbsolutePath != "/")
        {
            throw new ArgumentException("Registry endpoint must be http(s)://host[:port] with no path.", nameof(Endpoint));
        }

        if ((Username is null) != (Password is null))
        {
            throw new ArgumentException("Registry username and password go together.", nameof(Username));
        }

        if (Username is not null && !CredentialScope.IsConfidential(Endpoint))
        {
            throw new ArgumentException("Registry credentials are only sent over https (or plain http to a loopback registry).", nameof(Endpoint));
        }

        if (ChunkSizeBytes < 64 * 1024 || MaxAttempts < 1 || AttemptTimeout <= TimeSpan.Zero || MaxResponseBytes < 1024)
        {
            throw new ArgumentException("Registry chunk size (>= 64 KiB), attempts (>= 1), attempt timeout and response cap must be positive.");
        }

        return this;
    }
}
