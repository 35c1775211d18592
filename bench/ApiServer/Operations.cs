using System.Globalization;
using k8s;
using k8s.Models;

namespace Interceptor.Bench.ApiServer;

/// <summary>
/// The closed-loop scenarios, in the order they run in each round. Each checks its answer, so a wrong one (a
/// list of the wrong length, a create that came back without a name) makes the run VOID instead of fast.
/// </summary>
public static class Operations
{
    /// <summary>Pods patched by the merge-patch runs: one per worker, so workers do not queue on one object.</summary>
    public const int PatchedPods = 16;

    private static long _created;

    /// <summary>Each patch a new label value: a patch that changes nothing is a no-op the store answers without a write.</summary>
    private static long _patches;

    public static IReadOnlyList<Operation> All(ApiBenchOptions options) =>
    [
        Create(1),
        Create(16),
        new("get pod", 16, async (client, _, ct) => Check(await client.CoreV1.ReadNamespacedPodAsync(BenchPods.Name(0), BenchPods.SmallList, cancellationToken: ct))),
        List($"list {options.SmallList}", ListKey.Small, options.SmallList),
        List($"list {options.Objects}", ListKey.Large, options.Objects),
        List($"list label {BenchPods.LabelSelector} ({options.SmallList} of {options.Objects})", ListKey.ByLabel, options.SmallList),
        List($"list field {BenchPods.FieldSelector} ({options.SmallList} of {options.Objects})", ListKey.ByField, options.SmallList),
        Patch(1),
        Patch(16),
    ];

    public static string PatchedPod(int worker) => $"m-{worker:D2}";

    /// <summary>Each create a new name, as a controller creating pods or PodMigrations does.</summary>
    public const string CreateScenario = "create pod";

    private static Operation Create(int workers) => new(CreateScenario, workers, async (client, _, ct) =>
    {
        var name = $"c-{Interlocked.Increment(ref _created):D8}";
        return Check(await client.CoreV1.CreateNamespacedPodAsync(BenchPods.Pod(BenchPods.Creates, name, 0), BenchPods.Creates, cancellationToken: ct));
    });

    private static Operation List(string scenario, ListKey key, int expected) => new(scenario, 1, async (client, _, ct) =>
    {
        var list = await client.CoreV1.ListNamespacedPodAsync(key.Namespace, labelSelector: key.LabelSelector, fieldSelector: key.FieldSelector, cancellationToken: ct);
        return list.Items.Count == expected
            ? expected
            : throw new InvalidOperationException($"{key.Path}: {list.Items.Count} items, expected {expected}");
    });

    /// <summary>A merge patch of one label, as kubectl label or a controller's metadata write sends it.</summary>
    private static Operation Patch(int workers) => new("merge patch", workers, async (client, worker, ct) =>
    {
        var patch = new V1Patch("{\"metadata\":{\"labels\":{\"touched\":\"v" + Interlocked.Increment(ref _patches).ToString(CultureInfo.InvariantCulture) + "\"}}}", V1Patch.PatchType.MergePatch);
        return Check(await client.CoreV1.PatchNamespacedPodAsync(patch, PatchedPod(worker), BenchPods.Patches, cancellationToken: ct));
    });

    private static int Check(V1Pod? pod) =>
        pod?.Metadata?.Name is { Length: > 0 } ? 1 : throw new InvalidOperationException("the answer is not a pod");
}
