namespace Interceptor.Admission;

/// <summary>
/// Why a pod CREATE was or was not patched. A closed set: each value is a metrics label and a log field, so keep it
/// short and never build one from request data.
/// </summary>
public static class MutationReasons
{
    /// <summary>The pod is opted in and had no serving gate: the answer adds it.</summary>
    public const string GateAdded = "GateAdded";

    /// <summary>The gate is already there (a replacement Interceptor created, a reinvocation, a copied spec): nothing to do.</summary>
    public const string GateAlreadyPresent = "GateAlreadyPresent";

    public const string NotOptedIn = "NotOptedIn";
    public const string DaemonSetPod = "DaemonSetPod";
    public const string StaticPod = "StaticPod";

    /// <summary>Our own failure (API unreachable, timeout, a bug): the pod is created unchanged, never blocked.</summary>
    public const string FailOpen = "FailOpen";
}
