using Interceptor.Api;
using k8s.Models;

namespace Interceptor.Tests.Builders;

/// <summary>Pods for tests: a running, scheduled pod by default, changed by modifiers (<c>Pod("p", OptedIn(), OnNode("n1"))</c>).</summary>
public static class TestPods
{
    public const string Namespace = "shop";

    public static V1Pod Pod(string name, params Action<V1Pod>[] modifiers)
    {
        var pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Uid = Guid.NewGuid().ToString(), Labels = new Dictionary<string, string>(), Annotations = new Dictionary<string, string>() },
            Spec = new V1PodSpec { NodeName = "node-a", Containers = [new V1Container { Name = "app", Image = "registry.example/app:1" }] },
            Status = new V1PodStatus { Phase = "Running" },
        };
        foreach (var modify in modifiers)
        {
            modify(pod);
        }

        return pod;
    }

    public static Action<V1Pod> OptedIn() => p => p.Metadata.Labels[Labels.Migrate] = Labels.PodOptedIn;

    public static Action<V1Pod> OptedOut() => p => p.Metadata.Labels[Labels.Migrate] = Labels.PodOptedOut;

    public static Action<V1Pod> InNamespace(string ns) => p => p.Metadata.NamespaceProperty = ns;

    public static Action<V1Pod> OnNode(string node) => p => p.Spec.NodeName = node;

    public static Action<V1Pod> InPhase(string phase) => p => p.Status.Phase = phase;

    public static Action<V1Pod> Terminating() => p => p.Metadata.DeletionTimestamp = DateTime.UtcNow;

    public static Action<V1Pod> Mirror() => p => p.Metadata.Annotations[Annotations.MirrorPod] = "abc123";

    public static Action<V1Pod> OnFailure(string policy) => p => p.Metadata.Annotations[Annotations.OnFailure] = policy;

    public static Action<V1Pod> WithUid(string uid) => p => p.Metadata.Uid = uid;

    public static Action<V1Pod> OwnedBy(string kind, string name) => p => p.Metadata.OwnerReferences =
        [new V1OwnerReference { ApiVersion = "apps/v1", Kind = kind, Name = name, Uid = Guid.NewGuid().ToString(), Controller = true }];

    public static Action<V1Pod> WithReadinessGate(string conditionType) => p => p.Spec.ReadinessGates = [.. p.Spec.ReadinessGates ?? [], new V1PodReadinessGate { ConditionType = conditionType }];

    /// <summary>An empty <c>spec.readinessGates</c> list, present but with nothing in it.</summary>
    public static Action<V1Pod> WithNoReadinessGates() => p => p.Spec.ReadinessGates = [];

    /// <summary>A static pod as the kubelet reads it from its manifest directory.</summary>
    public static Action<V1Pod> StaticFromFile() => p => p.Metadata.Annotations[Annotations.ConfigSource] = "file";

    /// <summary>A pod as a controller creates it: named by the API server after admission, so no name yet.</summary>
    public static Action<V1Pod> GeneratedName(string prefix) => p => (p.Metadata.Name, p.Metadata.GenerateName) = (null, prefix);
}
