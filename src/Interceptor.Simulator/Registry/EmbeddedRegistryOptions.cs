namespace Interceptor.Simulator.Registry;

/// <summary>How the embedded registry listens and stores.</summary>
public sealed record EmbeddedRegistryOptions
{
    /// <summary>Loopback port; 0 (the default) takes any free one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// HTTPS (the default) with a certificate for 127.0.0.1 from a throwaway CA, so clients verify TLS as they
    /// would against a real registry; false serves plain HTTP (clients then need their "insecure" switch).
    /// </summary>
    public bool UseHttps { get; init; } = true;

    /// <summary>The directory under which the registry makes its own storage directory; the system temp when null.</summary>
    public string? StorageParent { get; init; }

    /// <summary>The largest manifest accepted (413 above). The spec asks registries to take at least 4 MiB.</summary>
    public long MaxManifestBytes { get; init; } = 4 * 1024 * 1024;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxManifestBytes, 4 * 1024 * 1024);
    }
}
