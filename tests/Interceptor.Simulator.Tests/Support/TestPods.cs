using k8s.Models;

namespace Interceptor.Simulator.Tests.Support;

/// <summary>Pod builders with modifiers: <c>TestPods.Pod("p", OnNode("n1"), WithLabel("app", "web"))</c>.</summary>
public static class TestPods
{
    public const string Namespace = "default";

    public static V1Pod Pod(string name, params Action<V1Pod>[] modifiers)
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "app:1" }] },
        };
        foreach (var modify in modifiers)
        {
            modify(pod);
        }
        return pod;
    }

    public static Action<V1Pod> OnNode(string node) => pod => pod.Spec.NodeName = node;

    public static Action<V1Pod> WithLabel(string key, string value) => pod =>
    {
        pod.Metadata.Labels ??= new Dictionary<string, string>();
        pod.Metadata.Labels[key] = value;
    };

    public static Action<V1Pod> InPhase(string phase) => pod => pod.Status = new V1PodStatus { Phase = phase };

    public static Action<V1Pod> InNamespace(string ns) => pod => pod.Metadata.NamespaceProperty = ns;
}
