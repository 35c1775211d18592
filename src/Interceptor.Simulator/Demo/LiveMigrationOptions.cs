namespace Interceptor.Simulator.Demo;

/// <summary>How <see cref="LiveMigrationCluster"/> sets up the migration machinery around a fake API server.</summary>
public sealed record LiveMigrationOptions
{
    /// <summary>A real OCI registry (https, or http on loopback); null starts the embedded one over TLS.</summary>
    public Uri? Registry { get; init; }

    /// <summary>PEM CA of <see cref="Registry"/>; null trusts the system roots.</summary>
    public string? RegistryCertificateAuthorityPath { get; init; }

    /// <summary>Nodes labelled <c>interceptor.dev/restore=enabled</c> (migration targets); null labels every node.</summary>
    public IReadOnlySet<string>? RestoreCapableNodes { get; init; }

    /// <summary>Serilog's minimum level for the interceptor and the agents; their JSON logs go to the console.</summary>
    public string LogLevel { get; init; } = "Warning";

    /// <summary>More interceptor settings (appsettings keys); they win over the fast defaults of the cluster.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Register the pod-create mutating webhook, so opted-in pods get the <c>interceptor.dev/serving</c> readiness gate and
    /// each source leaves its Services before its checkpoint (as installed). False: pods as created before the install.
    /// </summary>
    public bool ServingGates { get; init; } = true;

    public bool IsRestoreCapable(string node) => RestoreCapableNodes?.Contains(node) ?? true;
}
