using k8s.Models;

namespace Interceptor.Bench.ApiServer;

/// <summary>
/// The pods the runs read and write, and the namespaces that keep each run's objects apart (the store indexes
/// by namespace, so the creates of one run do not lengthen the lists of another).
/// </summary>
public static class BenchPods
{
    public const string SmallList = "bench-list-small";
    public const string LargeList = "bench-list-large";
    public const string Creates = "bench-create";
    public const string Patches = "bench-patch";
    public const string Watched = "bench-watch";
    public const string NodeStartup = "bench-nodes";

    /// <summary>Label values and node names cycle through this many groups, so each selector picks a tenth of the large list.</summary>
    public const int Groups = 10;

    /// <summary>The annotation a watched update carries: the update's sequence number, which watchers read back.</summary>
    public const string SequenceAnnotation = "bench/seq";

    public const string LabelSelector = "app=a3";
    public const string FieldSelector = "spec.nodeName=node-3";

    /// <summary>
    /// A pod as a workload would create it: labels, one container with a port, resources and an env var, so lists
    /// carry realistic bytes (about 1 KiB a pod once the server adds uid, timestamps and status).
    /// </summary>
    public static V1Pod Pod(string ns, string name, int group, string? nodeName = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string> { ["app"] = $"a{group % Groups}", ["tier"] = "bench" },
        },
        Spec = new V1PodSpec
        {
            NodeName = nodeName,
            Containers =
            [
                new V1Container
                {
                    Name = "app",
                    Image = "registry.example/bench/app:1.0",
                    Ports = [new V1ContainerPort { ContainerPort = 8080, Name = "http" }],
                    Env = [new V1EnvVar { Name = "MODE", Value = "bench" }],
                    Resources = new V1ResourceRequirements
                    {
                        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("64Mi") },
                    },
                },
            ],
        },
    };

    /// <summary>Pod number <paramref name="index"/> of a seeded namespace: group and node follow the index.</summary>
    public static V1Pod Seeded(string ns, int index) => Pod(ns, Name(index), index, $"node-{index % Groups}");

    public static string Name(int index) => $"p-{index:D6}";

    /// <summary>Annotates a pod to prove a watch is open; a new value each time, since a patch that changes nothing sends no event.</summary>
    public static string ProbePatch(long probe) =>
        "{\"metadata\":{\"annotations\":{\"bench/probe\":\"" + probe.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"}}}";

    /// <summary>The merge patch a watched update sends: it changes one annotation, as a controller's status or label write would.</summary>
    public static string SequencePatch(long sequence) =>
        "{\"metadata\":{\"annotations\":{\"" + SequenceAnnotation + "\":\"" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"}}}";
}
