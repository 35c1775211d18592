using Interceptor.Api;
using Interceptor.Simulator.Store;
using k8s.Models;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// Seeds the workload of <see cref="DemoWorkload"/> as a user would apply it: workload objects for the simulated
/// controllers to turn into pods, bare pods, and a DaemonSet pod (no DaemonSet controller is simulated, so its one
/// pod is created here, bound to the node, as the DaemonSet controller would).
/// </summary>
public static class DemoCluster
{
    private const string Image = "registry.example/app:1";

    public static void Seed(FakeObjectStore store, DemoWorkload workload, string node)
    {
        store.Create(OptInNamespace());
        store.Create(Deployment(DemoWorkload.Deployment, workload.DeploymentReplicas, optedIn: true));
        store.Create(Deployment(DemoWorkload.NotOptedInDeployment, 1, optedIn: false));
        store.Create(new V1StatefulSet
        {
            ApiVersion = "apps/v1", Kind = "StatefulSet",
            Metadata = Meta(DemoWorkload.StatefulSet),
            Spec = new V1StatefulSetSpec { Replicas = workload.StatefulSetReplicas, ServiceName = DemoWorkload.StatefulSet, Selector = Selector(DemoWorkload.StatefulSet), Template = Template(DemoWorkload.StatefulSet, optedIn: true) },
        });
        store.Create(BarePod(DemoWorkload.BareEvict, FailurePolicies.Evict, node));
        store.Create(BarePod(DemoWorkload.BareBlock, FailurePolicies.Block, node));
        var daemonSet = store.Create(new V1DaemonSet
        {
            ApiVersion = "apps/v1", Kind = "DaemonSet",
            Metadata = Meta(DemoWorkload.DaemonSet),
            Spec = new V1DaemonSetSpec { Selector = Selector(DemoWorkload.DaemonSet), Template = Template(DemoWorkload.DaemonSet, optedIn: true) },
        });
        store.Create(DaemonSetPod(daemonSet, node));
    }

    /// <summary>The demo's namespace, <c>interceptor.dev/migrate=opt-in</c>: its pods opt in one by one.</summary>
    public static V1Namespace OptInNamespace() => new()
    {
        ApiVersion = "v1", Kind = "Namespace",
        Metadata = new V1ObjectMeta { Name = DemoWorkload.Namespace, Labels = new Dictionary<string, string> { [Labels.Migrate] = Labels.NamespaceOptIn } },
    };

    public static V1Deployment Deployment(string name, int replicas, bool optedIn) => new()
    {
        ApiVersion = "apps/v1", Kind = "Deployment",
        Metadata = Meta(name),
        Spec = new V1DeploymentSpec { Replicas = replicas, Selector = Selector(name), Template = Template(name, optedIn) },
    };

    /// <summary>A bare pod is bound to the node directly: nothing would recreate it elsewhere, which is the point.</summary>
    /// <param name="onFailure">The <c>interceptor.dev/on-failure</c> annotation; null leaves it out.</param>
    public static V1Pod BarePod(string name, string? onFailure, string node, bool optedIn = true) => new()
    {
        ApiVersion = "v1", Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = name, NamespaceProperty = DemoWorkload.Namespace,
            Labels = OptedInLabels(name, optedIn),
            Annotations = onFailure is null ? null : new Dictionary<string, string> { [Annotations.OnFailure] = onFailure },
        },
        Spec = PodSpec(node),
    };

    private static V1Pod DaemonSetPod(V1DaemonSet owner, string node) => new()
    {
        ApiVersion = "v1", Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = $"{owner.Metadata.Name}-{node}", NamespaceProperty = DemoWorkload.Namespace,
            Labels = OptedInLabels(owner.Metadata.Name, optedIn: true),
            OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "DaemonSet", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, Controller = true }],
        },
        Spec = PodSpec(node),
    };

    private static V1ObjectMeta Meta(string name) => new() { Name = name, NamespaceProperty = DemoWorkload.Namespace };

    private static V1LabelSelector Selector(string app) => new() { MatchLabels = new Dictionary<string, string> { ["app"] = app } };

    /// <summary>Opting in is the pod template's label, so every pod the controller makes (replacements too) carries it.</summary>
    private static V1PodTemplateSpec Template(string app, bool optedIn) => new()
    {
        Metadata = new V1ObjectMeta { Labels = OptedInLabels(app, optedIn) },
        Spec = PodSpec(node: null),
    };

    private static Dictionary<string, string> OptedInLabels(string app, bool optedIn)
    {
        var labels = new Dictionary<string, string> { ["app"] = app };
        if (optedIn)
        {
            labels[Labels.Migrate] = Labels.PodOptedIn;
        }

        return labels;
    }

    private static V1PodSpec PodSpec(string? node) => new()
    {
        NodeName = node,
        // A short grace period: the simulated process stops at once anyway, and kubectl waits for the pod to be gone.
        TerminationGracePeriodSeconds = 1,
        Containers = [new V1Container { Name = DemoWorkload.Container, Image = Image }],
    };
}
