using Interceptor.Options;

namespace Interceptor.Controllers;

/// <summary>Who this replica is in the Lease, and where the Lease lives (the pod's own namespace by default).</summary>
public static class LeaderIdentity
{
    public const string PodNameVariable = "POD_NAME";
    public const string PodNamespaceVariable = "POD_NAMESPACE";
    public const string DefaultNamespace = "interceptor-system";

    /// <summary>The pod name is unique among live replicas; a random suffix keeps two processes on one host apart (tests, the simulator).</summary>
    public static string Resolve(ControllerOptions options) =>
        options.Identity is { Length: > 0 } identity ? identity
        : Environment.GetEnvironmentVariable(PodNameVariable) is { Length: > 0 } pod ? pod
        : $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";

    public static string Namespace(ControllerOptions options) =>
        options.LeaseNamespace is { Length: > 0 } ns ? ns
        : Environment.GetEnvironmentVariable(PodNamespaceVariable) is { Length: > 0 } env ? env
        : DefaultNamespace;
}
