using Interceptor.Api;
using Interceptor.Migration;
using k8s.Models;
using Xunit;
using static Interceptor.Tests.Builders.TestNodes;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Migration;

public class TargetSelectionTests
{
    private const string NoCapable = TargetReasons.NoRestoreCapableNode;
    private const string NoFeasible = TargetReasons.NoFeasibleNode;
    private const string NotFound = TargetReasons.TargetNotFound;
    private const string NotSuitable = TargetReasons.TargetNotSuitable;

    /// <summary>The pod to place, every node, the pods bound to nodes, and an explicit target.</summary>
    public sealed record Case(V1Pod Pod, V1Node[] Nodes, V1Pod[]? Bound = null, string? Target = null);

    /// <summary>Expected: the chosen node's name, or the reason there is none.</summary>
    public static TheoryData<string, Case, string> Restore => new()
    {
        { "a restore-capable Ready node is chosen", new(Pod("web"), [Capable("n1")]), "n1" },
        { "no node at all means no restore-capable node", new(Pod("web"), []), NoCapable },
        { "nodes without the restore label are not capable", new(Pod("web"), [Node("n1"), Node("n2")]), NoCapable },
        { "a restore label with another value is not capable", new(Pod("web"), [Node("n1", Labelled(Labels.RestoreCapable, "true"))]), NoCapable },
        { "the source node being capable does not count", new(Pod("web", OnNode("n1")), [Capable("n1"), Node("n2")]), NoCapable },
        { "the source node is never chosen", new(Pod("web", OnNode("n1")), [Capable("n1"), Capable("n2")]), "n2" },
        { "a capable node that fails another filter is no feasible node, not no capable node", new(Pod("web"), [Capable("n1", Cordoned())]), NoFeasible },
    };

    public static TheoryData<string, Case, string> NodeState => new()
    {
        { "a cordoned node is skipped", new(Pod("web"), [Capable("n1", Cordoned()), Capable("n2")]), "n2" },
        { "a cordoned node is refused even when the pod tolerates the unschedulable taint", new(Pod("web", Tolerating("node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule")), [Capable("n1", Cordoned())]), NoFeasible },
        { "a NotReady node is skipped", new(Pod("web"), [Capable("n1", NotReady()), Capable("n2")]), "n2" },
        { "a node without a Ready condition is not Ready", new(Pod("web"), [Capable("n1", NoConditions())]), NoFeasible },
    };

    public static TheoryData<string, Case, string> Selectors => new()
    {
        { "a node lacking a nodeSelector label is skipped", new(Pod("web", WithNodeSelector("zone", "a")), [Capable("n1"), Capable("n2", Labelled("zone", "a"))]), "n2" },
        { "a nodeSelector label with another value does not match", new(Pod("web", WithNodeSelector("zone", "a")), [Capable("n1", Labelled("zone", "b"))]), NoFeasible },
        { "affinity In matches a listed value", new(Pod("web", WithRequiredAffinity(Term(Expr("zone", "In", "a", "b")))), [Capable("n1", Labelled("zone", "c")), Capable("n2", Labelled("zone", "b"))]), "n2" },
        { "affinity In needs the label", new(Pod("web", WithRequiredAffinity(Term(Expr("zone", "In", "a")))), [Capable("n1")]), NoFeasible },
        { "affinity NotIn matches a node without the label", new(Pod("web", WithRequiredAffinity(Term(Expr("zone", "NotIn", "a")))), [Capable("n1")]), "n1" },
        { "affinity NotIn refuses a listed value", new(Pod("web", WithRequiredAffinity(Term(Expr("zone", "NotIn", "a")))), [Capable("n1", Labelled("zone", "a"))]), NoFeasible },
        { "affinity Exists needs the label, any value", new(Pod("web", WithRequiredAffinity(Term(Expr("gpu", "Exists")))), [Capable("n1"), Capable("n2", Labelled("gpu", ""))]), "n2" },
        { "affinity DoesNotExist refuses a labelled node", new(Pod("web", WithRequiredAffinity(Term(Expr("gpu", "DoesNotExist")))), [Capable("n1", Labelled("gpu", "x")), Capable("n2")]), "n2" },
        { "affinity Gt compares integers", new(Pod("web", WithRequiredAffinity(Term(Expr("cores", "Gt", "8")))), [Capable("n1", Labelled("cores", "8")), Capable("n2", Labelled("cores", "16"))]), "n2" },
        { "affinity Lt compares integers", new(Pod("web", WithRequiredAffinity(Term(Expr("cores", "Lt", "8")))), [Capable("n1", Labelled("cores", "16")), Capable("n2", Labelled("cores", "4"))]), "n2" },
        { "affinity Gt never matches a label that is not an integer", new(Pod("web", WithRequiredAffinity(Term(Expr("cores", "Gt", "1")))), [Capable("n1", Labelled("cores", "many"))]), NoFeasible },
        { "affinity terms are ORed", new(Pod("web", WithRequiredAffinity(Term(Expr("zone", "In", "a")), Term(Expr("zone", "In", "b")))), [Capable("n1", Labelled("zone", "b"))]), "n1" },
        { "affinity expressions in one term are ANDed", new(Pod("web", WithRequiredAffinity(Term(Expr("zone", "In", "a"), Expr("disk", "In", "ssd")))), [Capable("n1", Labelled("zone", "a")), Capable("n2", Labelled("zone", "a"), Labelled("disk", "ssd"))]), "n2" },
        { "affinity matchFields on metadata.name picks the node by name", new(Pod("web", WithRequiredAffinity(FieldTerm(Expr("metadata.name", "In", "n2")))), [Capable("n1"), Capable("n2")]), "n2" },
        { "affinity matchFields NotIn excludes the node by name", new(Pod("web", WithRequiredAffinity(FieldTerm(Expr("metadata.name", "NotIn", "n1")))), [Capable("n1"), Capable("n2")]), "n2" },
        { "affinity matchFields on another field matches nothing", new(Pod("web", WithRequiredAffinity(FieldTerm(Expr("metadata.uid", "In", "n1")))), [Capable("n1")]), NoFeasible },
        { "an empty affinity term matches nothing", new(Pod("web", WithRequiredAffinity(new V1NodeSelectorTerm())), [Capable("n1")]), NoFeasible },
        { "a required affinity without terms matches nothing", new(Pod("web", WithRequiredAffinity()), [Capable("n1")]), NoFeasible },
    };

    public static TheoryData<string, Case, string> Taints => new()
    {
        { "an untolerated NoSchedule taint keeps the pod off", new(Pod("web"), [Capable("n1", WithTaint("dedicated", "db", "NoSchedule")), Capable("n2")]), "n2" },
        { "an untolerated NoExecute taint keeps the pod off", new(Pod("web"), [Capable("n1", WithTaint("dedicated", "db", "NoExecute"))]), NoFeasible },
        { "a PreferNoSchedule taint does not filter", new(Pod("web"), [Capable("n1", WithTaint("dedicated", "db", "PreferNoSchedule"))]), "n1" },
        { "an Equal toleration with the same value tolerates", new(Pod("web", Tolerating("dedicated", "Equal", "db", "NoSchedule")), [Capable("n1", WithTaint("dedicated", "db", "NoSchedule"))]), "n1" },
        { "a toleration without an operator means Equal", new(Pod("web", Tolerating("dedicated", null, "db", "NoSchedule")), [Capable("n1", WithTaint("dedicated", "db", "NoSchedule"))]), "n1" },
        { "an Equal toleration with another value does not tolerate", new(Pod("web", Tolerating("dedicated", "Equal", "web", "NoSchedule")), [Capable("n1", WithTaint("dedicated", "db", "NoSchedule"))]), NoFeasible },
        { "an Exists toleration tolerates any value of its key", new(Pod("web", Tolerating("dedicated", "Exists", null, "NoSchedule")), [Capable("n1", WithTaint("dedicated", "db", "NoSchedule"))]), "n1" },
        { "an Exists toleration of another key does not tolerate", new(Pod("web", Tolerating("other", "Exists", null, null)), [Capable("n1", WithTaint("dedicated", "db", "NoSchedule"))]), NoFeasible },
        { "an empty key with Exists tolerates every taint", new(Pod("web", Tolerating(null, "Exists", null, null)), [Capable("n1", WithTaint("a", "1", "NoSchedule"), WithTaint("b", null, "NoExecute"))]), "n1" },
        { "a toleration for another effect does not tolerate", new(Pod("web", Tolerating("dedicated", "Exists", null, "NoExecute")), [Capable("n1", WithTaint("dedicated", "db", "NoSchedule"))]), NoFeasible },
        { "a toleration with no effect tolerates every effect", new(Pod("web", Tolerating("dedicated", "Equal", "db", null)), [Capable("n1", WithTaint("dedicated", "db", "NoExecute"))]), "n1" },
        { "every filtering taint must be tolerated", new(Pod("web", Tolerating("a", "Exists", null, null)), [Capable("n1", WithTaint("a", null, "NoSchedule"), WithTaint("b", null, "NoSchedule"))]), NoFeasible },
        { "a Gt toleration tolerates a larger taint value", new(Pod("web", Tolerating("tier", "Gt", "2", "NoSchedule")), [Capable("n1", WithTaint("tier", "3", "NoSchedule"))]), "n1" },
        { "a Lt toleration refuses a larger taint value", new(Pod("web", Tolerating("tier", "Lt", "2", "NoSchedule")), [Capable("n1", WithTaint("tier", "3", "NoSchedule"))]), NoFeasible },
    };

    public static TheoryData<string, Case, string> Resources => new()
    {
        { "a pod requesting more CPU than a node has does not fit", new(Pod("web", Requesting("5", null)), [Capable("n1")]), NoFeasible },
        { "a pod requesting more memory than a node has does not fit", new(Pod("web", Requesting(null, "9Gi")), [Capable("n1")]), NoFeasible },
        { "a pod requesting exactly what is left fits", new(Pod("web", Requesting("4", "8Gi")), [Capable("n1")]), "n1" },
        { "requests of pods bound to the node are taken", new(Pod("web", Requesting("2", null)), [Capable("n1")], [Pod("db", OnNode("n1"), Requesting("3", null))]), NoFeasible },
        { "Succeeded pods hold no resources", new(Pod("web", Requesting("2", null)), [Capable("n1")], [Pod("job", OnNode("n1"), Requesting("3", null), InPhase("Succeeded"))]), "n1" },
        { "Failed pods hold no resources", new(Pod("web", Requesting(null, "6Gi")), [Capable("n1")], [Pod("job", OnNode("n1"), Requesting(null, "6Gi"), InPhase("Failed"))]), "n1" },
        { "a terminating pod still holds its resources", new(Pod("web", Requesting("2", null)), [Capable("n1")], [Pod("db", OnNode("n1"), Requesting("3", null), Terminating())]), NoFeasible },
        { "this migration's own replacement is not counted twice", new(Pod("web", WithUid("src"), Requesting("3", null)), [Capable("n1")], [Pod("web-m1-x", OnNode("n1"), Requesting("3", null), WithAnnotation(Annotations.RestoredFrom, "src"))]), "n1" },
        { "a larger init container sets the request", new(Pod("web", Requesting(null, "1Gi"), WithInitContainer("migrate", null, "9Gi")), [Capable("n1")]), NoFeasible },
        { "a smaller init container adds nothing", new(Pod("web", Requesting("3", null), WithInitContainer("migrate", "2", null)), [Capable("n1")]), "n1" },
        { "sidecars add to the containers", new(Pod("web", Requesting("3", null), WithInitContainer("proxy", "2", null, sidecar: true)), [Capable("n1")]), NoFeasible },
        { "the overhead is added", new(Pod("web", Requesting(null, "7Gi"), WithOverhead("0", "2Gi")), [Capable("n1")]), NoFeasible },
        { "a node at its pod limit is full", new(Pod("web"), [Capable("n1", Allocatable("4", "8Gi", 1))], [Pod("db", OnNode("n1"))]), NoFeasible },
        { "a node one pod below its limit takes the pod", new(Pod("web"), [Capable("n1", Allocatable("4", "8Gi", 2))], [Pod("db", OnNode("n1"))]), "n1" },
        { "pods bound to other nodes do not count", new(Pod("web", Requesting("2", null)), [Capable("n1")], [Pod("db", OnNode("n2"), Requesting("4", null))]), "n1" },
    };

    public static TheoryData<string, Case, string> Ranking => new()
    {
        { "the node with the most free memory wins", new(Pod("web"), [Capable("n1", Allocatable("4", "8Gi", 110)), Capable("n2", Allocatable("4", "16Gi", 110))]), "n2" },
        { "memory bound pods request lowers a node's rank", new(Pod("web"), [Capable("n1"), Capable("n2")], [Pod("db", OnNode("n1"), Requesting(null, "1Gi"))]), "n2" },
        { "more free CPU does not outrank more free memory", new(Pod("web"), [Capable("n1", Allocatable("64", "8Gi", 110)), Capable("n2", Allocatable("2", "9Gi", 110))]), "n2" },
        { "equal nodes are ranked by name", new(Pod("web"), [Capable("n2"), Capable("n1"), Capable("n3")]), "n1" },
        { "a feasible node beats a roomier infeasible one", new(Pod("web"), [Capable("big", Allocatable("4", "64Gi", 110), Cordoned()), Capable("small")]), "small" },
    };

    public static TheoryData<string, Case, string> Explicit => new()
    {
        { "an explicit target that passes every filter is chosen", new(Pod("web"), [Capable("n1"), Capable("n2", Allocatable("4", "64Gi", 110))], Target: "n1"), "n1" },
        { "an explicit target that does not exist is not found", new(Pod("web"), [Capable("n1")], Target: "ghost"), NotFound },
        { "an explicit target that is the source is not suitable", new(Pod("web", OnNode("n1")), [Capable("n1")], Target: "n1"), NotSuitable },
        { "an explicit target without the restore label is not suitable", new(Pod("web"), [Node("n1")], Target: "n1"), NotSuitable },
        { "an explicit target that is cordoned is not suitable", new(Pod("web"), [Capable("n1", Cordoned())], Target: "n1"), NotSuitable },
        { "an explicit target outside the pod's nodeSelector is not suitable", new(Pod("web", WithNodeSelector("zone", "a")), [Capable("n1")], Target: "n1"), NotSuitable },
        { "an explicit target outside the pod's affinity is not suitable", new(Pod("web", WithRequiredAffinity(Term(Expr("zone", "In", "a")))), [Capable("n1")], Target: "n1"), NotSuitable },
        { "an explicit target with an untolerated taint is not suitable", new(Pod("web"), [Capable("n1", WithTaint("x", null, "NoSchedule"))], Target: "n1"), NotSuitable },
        { "an explicit target without room is not suitable", new(Pod("web", Requesting("8", null)), [Capable("n1")], Target: "n1"), NotSuitable },
        { "an empty explicit target means choose", new(Pod("web"), [Capable("n1")], Target: ""), "n1" },
    };

    [Theory]
    [MemberData(nameof(Restore))]
    [MemberData(nameof(NodeState))]
    [MemberData(nameof(Selectors))]
    [MemberData(nameof(Taints))]
    [MemberData(nameof(Resources))]
    [MemberData(nameof(Ranking))]
    [MemberData(nameof(Explicit))]
    public void Chooses(string sentence, Case c, string expected)
    {
        var choice = Choose(c);

        Assert.True(expected == (choice.Node ?? choice.Reason), $"{sentence}: expected {expected}, got {choice.Node ?? choice.Reason} ({choice.Message})");
        Assert.Equal(choice.Node is null, choice.Reason is not null);
    }

    [Fact]
    public void The_message_for_no_capable_node_says_what_to_configure()
    {
        var choice = Choose(new Case(Pod("web"), [Node("n1"), Node("n2", Labelled(Labels.RestoreCapable, "disabled"))]));

        Assert.Contains("interceptor.dev/restore=enabled", choice.Message, StringComparison.Ordinal);
        Assert.Contains("[crio.checkpoint_restore] container_level_enabled = \"checkpoint_restore\"", choice.Message, StringComparison.Ordinal);
        Assert.Contains("containerd 2.2.7+ or 2.3.4+: enable_experimental_restore_via_create = true", choice.Message, StringComparison.Ordinal);
        Assert.Contains("containerd 2.4 cannot restore", choice.Message, StringComparison.Ordinal);
        Assert.Contains("n1 lacks the label interceptor.dev/restore=enabled", choice.Message, StringComparison.Ordinal);
        Assert.Contains("n2 lacks the label", choice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_for_no_feasible_node_names_each_node_and_its_first_failure()
    {
        var pod = Pod("web", Requesting("2", null));
        var choice = Choose(new Case(pod, [
            Node("source", RestoreCapable()), Capable("a", Cordoned(), NotReady()), Capable("b", NotReady()), Capable("c", WithTaint("dedicated", "db", "NoSchedule")),
            Capable("d", Allocatable("1", "8Gi", 110)), Node("e"),
        ]) with { Pod = Pod("web", OnNode("source"), Requesting("2", null)) });

        Assert.Equal(NoFeasible, choice.Reason);
        Assert.Equal(
            "No node can take pod shop/web. Rejected: a is cordoned; b is not Ready; c has the taint dedicated=db:NoSchedule the pod does not tolerate; "
            + "d has 1 CPU free, the pod requests 2; e lacks the label interceptor.dev/restore=enabled; source is the source node.",
            choice.Message);
    }

    [Fact]
    public void The_message_names_at_most_ten_nodes_and_counts_the_rest()
    {
        var nodes = Enumerable.Range(0, 13).Select(i => Capable($"n{i:00}", Cordoned())).ToArray();

        var choice = Choose(new Case(Pod("web"), nodes));

        Assert.Contains("n09 is cordoned; and 3 more.", choice.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("n10", choice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsuitable_explicit_target_says_why_and_how_to_enable_restore_when_that_is_the_reason()
    {
        var cordoned = Choose(new Case(Pod("web"), [Capable("n1", Cordoned())], Target: "n1"));
        var incapable = Choose(new Case(Pod("web"), [Node("n1")], Target: "n1"));

        Assert.Equal("The target node n1 cannot take pod shop/web: it is cordoned.", cordoned.Message);
        Assert.Contains("it lacks the label interceptor.dev/restore=enabled", incapable.Message, StringComparison.Ordinal);
        Assert.Contains("[crio.checkpoint_restore]", incapable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_choice_is_the_same_whatever_the_order_of_the_nodes()
    {
        V1Node[] nodes = [Capable("c"), Capable("a"), Capable("b", Allocatable("4", "4Gi", 110))];

        var forward = Choose(new Case(Pod("web"), nodes));
        var backward = Choose(new Case(Pod("web"), [.. nodes.Reverse()]));

        Assert.Equal("a", forward.Node);
        Assert.Equal(forward, backward);
    }

    public static TheoryData<string, V1Pod, decimal, decimal> Requests => new()
    {
        { "a pod without requests asks for nothing", Pod("web"), 0m, 0m },
        { "containers are summed", Pod("web", Requesting("500m", "1Gi"), WithContainer("log", "250m", "512Mi")), 0.75m, 1610612736m },
        { "the largest init container wins over the containers' sum", Pod("web", Requesting("1", "1Gi"), WithInitContainer("a", "3", "1Mi"), WithInitContainer("b", "2", "1Mi")), 3m, 1073741824m },
        { "an init container runs beside the sidecars started before it", Pod("web", Requesting("1", null), WithInitContainer("proxy", "1", null, sidecar: true), WithInitContainer("migrate", "3", null)), 4m, 0m },
        { "a sidecar started after an init container does not run beside it", Pod("web", Requesting("1", null), WithInitContainer("migrate", "3", null), WithInitContainer("proxy", "1", null, sidecar: true)), 3m, 0m },
        { "the overhead comes on top", Pod("web", Requesting("1", "1Gi"), WithOverhead("250m", "128Mi")), 1.25m, 1207959552m },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Sums_requests_as_the_scheduler_does(string sentence, V1Pod pod, decimal cpu, decimal memory)
    {
        var requests = PodRequests.Of(pod);

        Assert.True(new ResourceAmount(cpu, memory) == requests, $"{sentence}: got {requests}");
    }

    [Fact]
    public void Pod_level_requests_replace_the_container_sum()
    {
        var pod = Pod("web", Requesting("1", "1Gi"));
        pod.Spec.Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["memory"] = new("4Gi") } };

        Assert.Equal(new ResourceAmount(1m, 4294967296m), PodRequests.Of(pod));
    }

    private static V1Node Capable(string name, params Action<V1Node>[] modifiers) => Node(name, [RestoreCapable(), .. modifiers]);

    private static TargetChoice Choose(Case c) => TargetSelection.Choose(c.Pod, c.Nodes, c.Bound ?? [], c.Target);
}
