using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;

namespace Interceptor.Simulator.Tests.Nodes;

/// <summary>A fresh server per test, plus helpers to wait on pods through the real KubernetesClient.</summary>
public abstract class NodeTest : ServerTest
{
    /// <summary>Polls the pod over HTTP until <paramref name="condition"/> holds; fails with the last state seen.</summary>
    protected async Task<V1Pod> WaitForPodAsync(string name, Func<V1Pod, bool> condition, string what)
    {
        using var deadline = Deadline();
        V1Pod? last = null;
        while (!deadline.IsCancellationRequested)
        {
            last = await Client.CoreV1.ReadNamespacedPodAsync(name, TestPods.Namespace, cancellationToken: deadline.Token);
            if (condition(last))
            {
                return last;
            }
            await Task.Delay(10, deadline.Token);
        }
        throw new Xunit.Sdk.XunitException($"pod {name} never became {what}; last status: {KubernetesJson.Serialize(last?.Status)}");
    }

    protected Task<V1Pod> WaitForReadyAsync(string name) => WaitForPodAsync(name, IsReady, "Ready");

    protected async Task WaitForGoneAsync(string name)
    {
        using var deadline = Deadline();
        while ((await Client.CoreV1.ListNamespacedPodAsync(TestPods.Namespace, fieldSelector: $"metadata.name={name}", cancellationToken: deadline.Token)).Items.Count > 0)
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    protected static bool IsReady(V1Pod pod) => Condition(pod, "Ready") == "True";

    protected static string? Condition(V1Pod pod, string type) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == type)?.Status;

    /// <summary>A pod whose container runs the simulated counter process.</summary>
    protected static Action<V1Pod> WithImage(string image) => pod => pod.Spec.Containers[0].Image = image;

    protected static Action<V1Pod> WithReadinessGate(string conditionType) => pod =>
        pod.Spec.ReadinessGates = [new V1PodReadinessGate { ConditionType = conditionType }];

    protected static Action<V1Pod> WithGracePeriod(long seconds) => pod => pod.Spec.TerminationGracePeriodSeconds = seconds;

    /// <summary>Sets one pod condition (a readiness gate's) through the status subresource.</summary>
    protected Task SetConditionAsync(string pod, string type, string status)
    {
        // A strategic merge patch merges conditions by type, as the controller writing the gate does.
        var patch = new { status = new { conditions = new[] { new { type, status } } } };
        return Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(KubernetesJson.Serialize(patch), V1Patch.PatchType.StrategicMergePatch), pod, TestPods.Namespace);
    }
}
