using Interceptor.Api;
using k8s.Models;

namespace Interceptor.Tests.Builders;

/// <summary>
/// Nodes for tests: a Ready, schedulable node with 4 CPUs, 8Gi of memory and room for 110 pods, not restore-capable
/// unless told (<c>Node("n1", RestoreCapable(), Cordoned())</c>), as restore is off by default in real runtimes.
/// </summary>
public static class TestNodes
{
    public static V1Node Node(string name, params Action<V1Node>[] modifiers)
    {
        var node = new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name } },
            Spec = new V1NodeSpec(),
            Status = new V1NodeStatus
            {
                Allocatable = Resources("4", "8Gi", 110),
                Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }],
            },
        };
        foreach (var modify in modifiers)
        {
            modify(node);
        }

        return node;
    }

    public static Action<V1Node> RestoreCapable() => Labelled(Labels.RestoreCapable, Labels.RestoreEnabled);

    public static Action<V1Node> Labelled(string key, string value) => n => n.Metadata.Labels[key] = value;

    public static Action<V1Node> Cordoned() => n => n.Spec.Unschedulable = true;

    public static Action<V1Node> NotReady() => n => n.Status.Conditions = [new V1NodeCondition { Type = "Ready", Status = "False" }];

    public static Action<V1Node> NoConditions() => n => n.Status.Conditions = null;

    public static Action<V1Node> WithTaint(string key, string? value, string effect) => n =>
        n.Spec.Taints = [.. n.Spec.Taints ?? [], new V1Taint { Key = key, Value = value, Effect = effect }];

    public static Action<V1Node> Allocatable(string cpu, string memory, int pods) => n => n.Status.Allocatable = Resources(cpu, memory, pods);

    private static Dictionary<string, ResourceQuantity> Resources(string cpu, string memory, int pods) => new()
    {
        ["cpu"] = new ResourceQuantity(cpu),
        ["memory"] = new ResourceQuantity(memory),
        ["pods"] = new ResourceQuantity(pods.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };
}
