using System.Text.Json.Nodes;
using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;

namespace Interceptor.Simulator.Tests.Controllers;

/// <summary>
/// A fake server running the simulated controllers and scheduler, with builders for workloads and nodes and a
/// stand-in for the kubelet: tests report pods Running and Ready through the status subresource themselves.
/// </summary>
public abstract class ControllerTest : ServerTest
{
    protected static readonly Dictionary<string, string> AppWeb = new() { ["app"] = "web" };

    protected override FakeApiServerOptions Options => new() { Controllers = SimulatedControllers.All };

    protected static V1ReplicaSet ReplicaSet(string name, int replicas, Action<V1PodSpec>? spec = null)
    {
        var podSpec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "app:1" }] };
        spec?.Invoke(podSpec);
        return new V1ReplicaSet
        {
            ApiVersion = "apps/v1",
            Kind = "ReplicaSet",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = TestPods.Namespace },
            Spec = new V1ReplicaSetSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = AppWeb },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = AppWeb }, Spec = podSpec },
            },
        };
    }

    protected static V1Node Node(string name, bool ready = true, bool cordoned = false) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1NodeSpec { Unschedulable = cordoned ? true : null },
        Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
    };

    /// <summary>Pods in the test namespace, as the real client lists them.</summary>
    protected async Task<IList<V1Pod>> PodsAsync(string? labelSelector = "app=web") =>
        (await Client.CoreV1.ListNamespacedPodAsync(TestPods.Namespace, labelSelector: labelSelector)).Items;

    /// <summary>What a kubelet reports once the containers run: phase Running and, unless told otherwise, Ready since <paramref name="readySince"/>.</summary>
    protected Task MarkRunningAsync(string name, bool ready = true, DateTimeOffset? readySince = null)
    {
        var since = (readySince ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var patch = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["phase"] = "Running",
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Ready", ["status"] = ready ? "True" : "False", ["lastTransitionTime"] = since,
                }),
            },
        };
        return Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), name, TestPods.Namespace);
    }

    protected static string? ControllerUid(V1Pod pod) => pod.Metadata.OwnerReferences?.SingleOrDefault(r => r.Controller == true)?.Uid;

    protected bool Exists(string name) => Server.Store.TryGet(BuiltinResources.Pods, TestPods.Namespace, name) is not null;
}
