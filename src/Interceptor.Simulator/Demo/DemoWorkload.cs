namespace Interceptor.Simulator.Demo;

/// <summary>
/// How <c>--pods M</c> opted-in pods are split, one of each kind the eviction webhook and section 5 of the design
/// tell apart: two bare pods (one onFailure Evict, one Block), the rest shared by a Deployment and a StatefulSet.
/// The not-opted-in Deployment pod and the DaemonSet pod come on top. Pure.
/// </summary>
public sealed record DemoWorkload(int DeploymentReplicas, int StatefulSetReplicas, int BarePods)
{
    public const string Namespace = "shop";
    public const string Deployment = "sessions";
    public const string StatefulSet = "cache";
    public const string NotOptedInDeployment = "web";
    public const string DaemonSet = "log-agent";
    public const string BareEvict = "notebook";
    public const string BareBlock = "trainer";
    public const string Container = "app";

    public static DemoWorkload For(int optedInPods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(optedInPods, SimulateSettings.MinimumPods);
        var owned = optedInPods - 2;
        return new DemoWorkload(owned - (owned / 2), owned / 2, 2);
    }

    /// <summary>Every pod the drain meets on the node: the opted-in ones, the not-opted-in one and the DaemonSet's.</summary>
    public int PodsOnNode => DeploymentReplicas + StatefulSetReplicas + BarePods + 2;
}
