using System.Text;
using System.Text.Json;
using Interceptor.Admission;
using Interceptor.Api;
using k8s;
using k8s.Models;
using Xunit;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Admission;

/// <summary>The pure decision of the pod mutation: which pods get the serving readiness gate, and the exact patch.</summary>
public sealed class PodMutationTests
{
    private const string AddList = """[{"op":"add","path":"/spec/readinessGates","value":[{"conditionType":"interceptor.dev/serving"}]}]""";
    private const string Append = """[{"op":"add","path":"/spec/readinessGates/-","value":{"conditionType":"interceptor.dev/serving"}}]""";

    public static TheoryData<string, V1Pod, string?, string, string?> Decisions => new()
    {
        { "an opted-in pod without readiness gates gets the list with our gate", Pod("cache-0", OptedIn()), null, MutationReasons.GateAdded, AddList },
        { "an opted-in pod with another readiness gate gets ours appended", Pod("cache-0", OptedIn(), WithReadinessGate("example.com/lb")), null, MutationReasons.GateAdded, Append },
        { "an opted-in pod with an empty readiness gate list gets ours appended", Pod("cache-0", OptedIn(), WithNoReadinessGates()), null, MutationReasons.GateAdded, Append },
        { "a pod that already has the gate is left alone, so a second call changes nothing", Pod("cache-0", OptedIn(), WithReadinessGate(PodConditionTypes.Serving)), null, MutationReasons.GateAlreadyPresent, null },
        { "a pod that has the gate among others is left alone", Pod("cache-0", OptedIn(), WithReadinessGate("example.com/lb"), WithReadinessGate(PodConditionTypes.Serving)), null, MutationReasons.GateAlreadyPresent, null },
        { "an unlabelled pod in an all-pods namespace gets the gate", Pod("notebook"), Labels.NamespaceAllPods, MutationReasons.GateAdded, AddList },
        { "an unlabelled pod in an opt-in namespace is left alone", Pod("web"), Labels.NamespaceOptIn, MutationReasons.NotOptedIn, null },
        { "an unlabelled pod in an unlabelled namespace is left alone", Pod("web"), null, MutationReasons.NotOptedIn, null },
        { "a pod that opted out is left alone even in an all-pods namespace", Pod("web", OptedOut()), Labels.NamespaceAllPods, MutationReasons.NotOptedIn, null },
        { "an opted-in pod in an opt-in namespace gets the gate", Pod("cache-0", OptedIn()), Labels.NamespaceOptIn, MutationReasons.GateAdded, AddList },
        { "a ReplicaSet pod created with generateName gets the gate", Pod("x", OptedIn(), GeneratedName("web-7d9f-"), OwnedBy("ReplicaSet", "web-7d9f")), null, MutationReasons.GateAdded, AddList },
        { "an opted-in DaemonSet pod is left alone", Pod("agent", OptedIn(), OwnedBy("DaemonSet", "agent")), null, MutationReasons.DaemonSetPod, null },
        { "a DaemonSet pod in an all-pods namespace is left alone", Pod("agent", OwnedBy("DaemonSet", "agent")), Labels.NamespaceAllPods, MutationReasons.DaemonSetPod, null },
        { "an opted-in mirror pod is left alone", Pod("etcd", OptedIn(), Mirror()), null, MutationReasons.StaticPod, null },
        { "an opted-in static pod read from a file is left alone", Pod("etcd", OptedIn(), StaticFromFile()), null, MutationReasons.StaticPod, null },
        { "an opted-in pod owned by its Node (a mirror pod) is left alone", Pod("etcd", OptedIn(), OwnedBy("Node", "node-a")), null, MutationReasons.StaticPod, null },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Decides(string sentence, V1Pod pod, string? namespaceLabel, string reason, string? patch)
    {
        var decision = PodMutation.Decide(Body(pod), namespaceLabel);

        Assert.True(reason == decision.Reason, $"{sentence}: expected {reason}, got {decision.Reason}");
        Assert.Equal(patch, decision.Patch is null ? null : Encoding.UTF8.GetString(decision.Patch));
    }

    public static TheoryData<string, V1Pod, bool> Lookups => new()
    {
        { "an unlabelled pod needs its namespace's label", Pod("web"), true },
        { "an opted-in pod decides alone", Pod("web", OptedIn()), false },
        { "an opted-out pod decides alone", Pod("web", OptedOut()), false },
        { "an unlabelled DaemonSet pod is never mutated, whatever its namespace", Pod("agent", OwnedBy("DaemonSet", "agent")), false },
        { "an unlabelled mirror pod is never mutated, whatever its namespace", Pod("etcd", Mirror()), false },
    };

    [Theory]
    [MemberData(nameof(Lookups))]
    public void Looks_up_the_namespace_only_when_it_decides(string sentence, V1Pod pod, bool needed) =>
        Assert.True(needed == PodMutation.NeedsNamespaceLabel(Body(pod)), sentence);

    /// <summary>The pod as the webhook reads it from a review.</summary>
    private static PodBody Body(V1Pod pod) => JsonSerializer.Deserialize<PodBody>(KubernetesJson.Serialize(pod))!;
}
