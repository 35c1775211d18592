using Interceptor.Api;
using Interceptor.Simulator.Store;
using k8s.Models;

namespace Interceptor.Simulator.Demo;

/// <summary>The pods the simulate command drains: one of each kind the eviction webhook tells apart.</summary>
public static class DemoCluster
{
    public const string Namespace = "shop";
    public const string Node = "node-a";

    public static IReadOnlyList<(string Name, string Description)> Seed(FakeObjectStore store)
    {
        store.Create(new V1Namespace
        {
            ApiVersion = "v1", Kind = "Namespace",
            Metadata = new V1ObjectMeta { Name = Namespace, Labels = new Dictionary<string, string> { [Labels.Migrate] = Labels.NamespaceOptIn } },
        });
        (string Name, string Description, Action<V1Pod> Shape)[] pods =
        [
            ("cache-0", "StatefulSet pod, opted in", p => Own(p, "StatefulSet", "cache", optedIn: true)),
            ("sessions-6c5d8-x2kqp", "Deployment pod, opted in, onFailure: Block", p => { Own(p, "ReplicaSet", "sessions-6c5d8", optedIn: true); p.Metadata.Annotations = new Dictionary<string, string> { [Annotations.OnFailure] = FailurePolicies.Block }; }),
            ("web-7d9f4-8hj2m", "Deployment pod, not opted in", p => Own(p, "ReplicaSet", "web-7d9f4", optedIn: false)),
            ("log-agent-r8x2z", "DaemonSet pod, opted in", p => Own(p, "DaemonSet", "log-agent", optedIn: true)),
            ("report-1-abcde", "Job pod still Pending, opted in", p => { Own(p, "Job", "report-1", optedIn: true); p.Status.Phase = "Pending"; }),
        ];
        foreach (var (name, _, shape) in pods)
        {
            var pod = new V1Pod
            {
                ApiVersion = "v1", Kind = "Pod",
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
                Spec = new V1PodSpec { NodeName = Node, Containers = [new V1Container { Name = "app", Image = "registry.example/app:1" }] },
                Status = new V1PodStatus { Phase = "Running" },
            };
            shape(pod);
            store.Create(pod);
        }

        return [.. pods.Select(p => (p.Name, p.Description))];
    }

    private static void Own(V1Pod pod, string kind, string owner, bool optedIn)
    {
        pod.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = kind, Name = owner, Uid = Guid.NewGuid().ToString(), Controller = true }];
        if (optedIn)
        {
            pod.Metadata.Labels = new Dictionary<string, string> { [Labels.Migrate] = Labels.PodOptedIn };
        }
    }
}
