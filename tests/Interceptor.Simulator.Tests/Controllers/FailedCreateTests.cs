using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Controllers;

/// <summary>
/// A controller whose pod create Pod Security refuses records FailedCreate on itself, worded as upstream words it
/// (controller_utils.go for ReplicaSets, stateful_pod_control.go for StatefulSets), and keeps retrying.
/// </summary>
public sealed class FailedCreateTests : ControllerTest
{
    private const string Violation =
        "violates PodSecurity \"baseline:latest\": privileged (container \"app\" must not set securityContext.privileged=true)";

    [Fact]
    public async Task A_refused_replicaset_pod_is_a_FailedCreate_warning_on_the_replicaset()
    {
        EnforceBaseline();

        await Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("web", 2, Privileged), TestPods.Namespace);

        var refusal = (await FailedCreatesAsync())[0];
        Assert.Equal(("Warning", "ReplicaSet", "web", "replicaset-controller"),
            (refusal.Type, refusal.InvolvedObject.Kind, refusal.InvolvedObject.Name, refusal.Source.Component));
        Assert.Matches($"^Error creating: pods \"web-[a-z0-9]{{5}}\" is forbidden: {System.Text.RegularExpressions.Regex.Escape(Violation)}$", refusal.Message);
        Assert.Empty(await PodsAsync());
    }

    [Fact]
    public async Task A_refused_statefulset_pod_is_worded_as_the_statefulset_controller_words_it()
    {
        EnforceBaseline();
        var template = ReplicaSet("db", 1, Privileged).Spec.Template;

        await Client.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet
        {
            ApiVersion = "apps/v1", Kind = "StatefulSet",
            Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = TestPods.Namespace },
            Spec = new V1StatefulSetSpec { Replicas = 1, Selector = new V1LabelSelector { MatchLabels = AppWeb }, Template = template },
        }, TestPods.Namespace);

        var refusal = (await FailedCreatesAsync())[0];
        Assert.Equal(("StatefulSet", "statefulset-controller"), (refusal.InvolvedObject.Kind, refusal.Source.Component));
        Assert.Equal($"create Pod db-0 in StatefulSet db failed error: pods \"db-0\" is forbidden: {Violation}", refusal.Message);
    }

    private static void Privileged(V1PodSpec spec) =>
        spec.Containers[0].SecurityContext = new V1SecurityContext { Privileged = true };

    private void EnforceBaseline() => Server.Store.Create(new V1Namespace
    {
        ApiVersion = "v1", Kind = "Namespace",
        Metadata = new V1ObjectMeta { Name = TestPods.Namespace, Labels = new Dictionary<string, string> { ["pod-security.kubernetes.io/enforce"] = "baseline" } },
    });

    private Task<List<Corev1Event>> FailedCreatesAsync() => EventuallyAsync(
        async () => (await Client.CoreV1.ListNamespacedEventAsync(TestPods.Namespace)).Items.Where(e => e.Reason == "FailedCreate").ToList(),
        events => events.Count > 0, "a FailedCreate event");
}
