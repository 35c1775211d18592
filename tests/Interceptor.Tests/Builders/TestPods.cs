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

    /// <summary>An operator released the pod's blocked eviction (by hand, as the Block denial for a migration nobody picked up says).</summary>
    public static Action<V1Pod> Released() => p => p.Metadata.Annotations[Annotations.Release] = "true";

    public static Action<V1Pod> WithUid(string uid) => p => p.Metadata.Uid = uid;

    public static Action<V1Pod> OwnedBy(string kind, string name) => p => p.Metadata.OwnerReferences =
        [new V1OwnerReference { ApiVersion = "apps/v1", Kind = kind, Name = name, Uid = Guid.NewGuid().ToString(), Controller = true }];

    public static Action<V1Pod> WithImage(string image) => p => p.Spec.Containers[0].Image = image;

    /// <summary>A second (or further) container <paramref name="name"/> running <paramref name="image"/>.</summary>
    public static Action<V1Pod> WithContainer(string name, string image) => p => p.Spec.Containers.Add(new V1Container { Name = name, Image = image });

    /// <summary>The kubelet's status of <paramref name="container"/>: running, with what the runtime reports as image and imageID.</summary>
    public static Action<V1Pod> ContainerRunning(string container, string image, string imageId) => p =>
    {
        var status = StatusOf(p, container);
        status.Image = image;
        status.ImageID = imageId;
        status.State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = DateTime.UtcNow } };
    };

    /// <summary>Waiting with <paramref name="reason"/> (ContainerCreating, CreateContainerError...): no container yet, so no imageID.</summary>
    public static Action<V1Pod> ContainerWaiting(string container, string reason, string? message = null) => p =>
    {
        var status = StatusOf(p, container);
        status.ImageID = "";
        status.State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } };
    };

    public static Action<V1Pod> ContainerTerminated(string container, string reason, int exitCode, string? message = null) => p =>
        StatusOf(p, container).State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { Reason = reason, ExitCode = exitCode, Message = message } };

    /// <summary>Restarted <paramref name="count"/> times, the last run ended with <paramref name="lastReason"/>; apply after the state.</summary>
    public static Action<V1Pod> ContainerRestarted(string container, int count, string lastReason) => p =>
    {
        var status = StatusOf(p, container);
        status.RestartCount = count;
        status.LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { Reason = lastReason, ExitCode = 1 } };
    };

    private static V1ContainerStatus StatusOf(V1Pod pod, string container)
    {
        pod.Status.ContainerStatuses ??= [];
        var status = pod.Status.ContainerStatuses.FirstOrDefault(s => s.Name == container);
        if (status is null)
        {
            var image = pod.Spec.Containers.FirstOrDefault(c => c.Name == container)?.Image ?? "";
            status = new V1ContainerStatus { Name = container, Image = image, ImageID = "", Ready = false, RestartCount = 0 };
            pod.Status.ContainerStatuses.Add(status);
        }

        return status;
    }

    /// <summary>The <c>interceptor.dev/serving</c> readiness gate the mutating webhook gives opted-in pods.</summary>
    public static Action<V1Pod> WithServingGate() => p =>
        p.Spec.ReadinessGates = [.. p.Spec.ReadinessGates ?? [], new V1PodReadinessGate { ConditionType = PodConditionTypes.Serving }];

    /// <summary>The pod's <c>interceptor.dev/serving</c> condition set to <paramref name="status"/> (True, False).</summary>
    public static Action<V1Pod> Serving(string status) => WithPodCondition(PodConditionTypes.Serving, status);

    /// <summary>The kubelet says Ready (the containers are ready and every readiness gate is True).</summary>
    public static Action<V1Pod> Ready() => WithPodCondition("Ready", "True");

    public static Action<V1Pod> WithPodCondition(string type, string status) => p =>
    {
        var conditions = p.Status.Conditions ??= [];
        if (conditions.FirstOrDefault(c => c.Type == type) is { } existing)
        {
            conditions.Remove(existing);
        }

        conditions.Add(new V1PodCondition { Type = type, Status = status });
    };

    /// <summary>Limits of the pod's first container, kept beside its requests (apply after <see cref="Requesting"/>).</summary>
    public static Action<V1Pod> Limiting(string? cpu, string? memory) => p =>
    {
        var resources = p.Spec.Containers[0].Resources ??= new V1ResourceRequirements();
        var limits = resources.Limits ??= new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            limits["cpu"] = new ResourceQuantity(cpu);
        }

        if (memory is not null)
        {
            limits["memory"] = new ResourceQuantity(memory);
        }
    };

    /// <summary>A replacement kept out of its ReplicaSet's selector until the commit (<see cref="Annotations.ParkedLabels"/>).</summary>
    public static Action<V1Pod> Parked() => WithAnnotation(Annotations.ParkedLabels, """{"pod-template-hash":"7d9f8c6b5"}""");

    /// <summary>The lowest pod-deletion-cost a migration gives a ReplicaSet's source when it takes traffic off.</summary>
    public static Action<V1Pod> LowestDeletionCost() => WithAnnotation(Annotations.PodDeletionCost, int.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static Action<V1Pod> WithLabel(string key, string value) => p => p.Metadata.Labels[key] = value;

    public static Action<V1Pod> WithAnnotation(string key, string value) => p => p.Metadata.Annotations[key] = value;

    /// <summary>Requests of the pod's first container (the default <c>app</c>).</summary>
    public static Action<V1Pod> Requesting(string? cpu, string? memory) => p => p.Spec.Containers[0].Resources = Requirements(cpu, memory);

    public static Action<V1Pod> WithContainer(string name, string? cpu = null, string? memory = null) => p =>
        p.Spec.Containers.Add(new V1Container { Name = name, Image = $"registry.example/{name}:1", Resources = Requirements(cpu, memory) });

    /// <summary>An init container; <paramref name="sidecar"/> makes it restartable (restartPolicy Always), as native sidecars are.</summary>
    public static Action<V1Pod> WithInitContainer(string name, string? cpu, string? memory, bool sidecar = false) => p =>
        p.Spec.InitContainers = [.. p.Spec.InitContainers ?? [], new V1Container
        {
            Name = name,
            Image = $"registry.example/{name}:1",
            Resources = Requirements(cpu, memory),
            RestartPolicy = sidecar ? "Always" : null,
        }];

    public static Action<V1Pod> WithOverhead(string cpu, string memory) => p =>
        p.Spec.Overhead = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory) };

    public static Action<V1Pod> WithNodeSelector(string key, string value) => p =>
        (p.Spec.NodeSelector ??= new Dictionary<string, string>())[key] = value;

    /// <summary>Required node affinity with these terms (ORed); build a term with <see cref="Term"/>.</summary>
    public static Action<V1Pod> WithRequiredAffinity(params V1NodeSelectorTerm[] terms) => p =>
        p.Spec.Affinity = new V1Affinity { NodeAffinity = new V1NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = terms } } };

    /// <summary>A node selector term of label requirements (ANDed): <c>Term(Expr("zone", "In", "a"))</c>.</summary>
    public static V1NodeSelectorTerm Term(params V1NodeSelectorRequirement[] expressions) => new() { MatchExpressions = expressions };

    public static V1NodeSelectorTerm FieldTerm(params V1NodeSelectorRequirement[] fields) => new() { MatchFields = fields };

    public static V1NodeSelectorRequirement Expr(string key, string op, params string[] values) => new() { Key = key, OperatorProperty = op, Values = values };

    public static Action<V1Pod> Tolerating(string? key, string? op, string? value, string? effect) => p =>
        p.Spec.Tolerations = [.. p.Spec.Tolerations ?? [], new V1Toleration { Key = key, OperatorProperty = op, Value = value, Effect = effect }];

    private static V1ResourceRequirements Requirements(string? cpu, string? memory)
    {
        var requests = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            requests["cpu"] = new ResourceQuantity(cpu);
        }

        if (memory is not null)
        {
            requests["memory"] = new ResourceQuantity(memory);
        }

        return new V1ResourceRequirements { Requests = requests };
    }

    public static Action<V1Pod> WithReadinessGate(string conditionType) => p => p.Spec.ReadinessGates = [.. p.Spec.ReadinessGates ?? [], new V1PodReadinessGate { ConditionType = conditionType }];

    /// <summary>An empty <c>spec.readinessGates</c> list, present but with nothing in it.</summary>
    public static Action<V1Pod> WithNoReadinessGates() => p => p.Spec.ReadinessGates = [];

    /// <summary>A static pod as the kubelet reads it from its manifest directory.</summary>
    public static Action<V1Pod> StaticFromFile() => p => p.Metadata.Annotations[Annotations.ConfigSource] = "file";

    /// <summary>A pod as a controller creates it: named by the API server after admission, so no name yet.</summary>
    public static Action<V1Pod> GeneratedName(string prefix) => p => (p.Metadata.Name, p.Metadata.GenerateName) = (null, prefix);
}
