using System.Globalization;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// Which pods a ReplicaSet deletes when it has too many: replica_set.go getPodsToDelete with
/// controller_utils.go ActivePodsWithRanks.Less (PodDeletionCost and LogarithmicScaleDown on, as they are by default).
/// Pure: pods, related pods and the time in, the doomed pods out.
/// </summary>
internal static class ScaleDownRanking
{
    public const string DeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

    /// <summary>
    /// The first <paramref name="diff"/> pods in deletion order. The rank of a pod is how many active related pods
    /// (the pods of every ReplicaSet with the same controller) share its node: doubled-up pods go first.
    /// </summary>
    public static IReadOnlyList<JsonObject> PodsToDelete(
        IReadOnlyList<JsonObject> pods, IReadOnlyList<JsonObject> relatedPods, int diff, DateTimeOffset now)
    {
        if (diff >= pods.Count)
        {
            return pods;
        }
        var perNode = relatedPods.Where(PodConditions.IsActive)
            .GroupBy(PodConditions.NodeName).ToDictionary(g => g.Key, g => g.Count());
        var ranked = pods.Select(p => new RankedPod(p, perNode.GetValueOrDefault(PodConditions.NodeName(p)))).ToList();
        ranked.Sort((a, b) => Less(a, b, now) ? -1 : Less(b, a, now) ? 1 : 0);
        return [.. ranked.Take(diff).Select(r => r.Pod)];
    }

    /// <summary>True when <paramref name="i"/> should be deleted before <paramref name="j"/>; the first differing rule decides.</summary>
    public static bool Less(RankedPod i, RankedPod j, DateTimeOffset now)
    {
        var (a, b) = (i.Pod, j.Pod);
        // 1. Unassigned < assigned.
        var (nodeA, nodeB) = (PodConditions.NodeName(a), PodConditions.NodeName(b));
        if (nodeA != nodeB && (nodeA.Length == 0 || nodeB.Length == 0))
        {
            return nodeA.Length == 0;
        }
        // 2. Pending < Unknown < Running.
        if (PhaseOrdinal(a) != PhaseOrdinal(b))
        {
            return PhaseOrdinal(a) < PhaseOrdinal(b);
        }
        // 3. Not ready < ready.
        if (PodConditions.IsReady(a) != PodConditions.IsReady(b))
        {
            return !PodConditions.IsReady(a);
        }
        // 4. Lower pod-deletion-cost < higher.
        if (DeletionCost(a) != DeletionCost(b))
        {
            return DeletionCost(a) < DeletionCost(b);
        }
        // 5. Doubled up < not doubled up.
        if (i.Rank != j.Rank)
        {
            return i.Rank > j.Rank;
        }
        // 6. Ready for less time < more time, in log2 buckets of age.
        if (PodConditions.IsReady(a) && PodConditions.IsReady(b) && PodConditions.ReadyTime(a) != PodConditions.ReadyTime(b))
        {
            return NewerFirst(PodConditions.ReadyTime(a), PodConditions.ReadyTime(b), a, b, now);
        }
        // 7. Higher container restart count < lower.
        if (MaxRestarts(a) != MaxRestarts(b))
        {
            return MaxRestarts(a) > MaxRestarts(b);
        }
        // 8. Newer < older, in log2 buckets of age.
        var (createdA, createdB) = (PodConditions.CreationTime(a), PodConditions.CreationTime(b));
        return createdA != createdB && NewerFirst(createdA, createdB, a, b, now);
    }

    /// <summary>
    /// LogarithmicScaleDown: times compare by floor(log2(age in ns)), so pods of about the same age are equal and
    /// the uid decides, which spreads deletions instead of always taking the very newest. A missing time counts as newest.
    /// </summary>
    private static bool NewerFirst(DateTimeOffset? t1, DateTimeOffset? t2, JsonObject a, JsonObject b, DateTimeOffset now)
    {
        if (t1 is null || t2 is null)
        {
            return t1 is null;
        }
        var rankDiff = LogRank(now - t1.Value) - LogRank(now - t2.Value);
        return rankDiff == 0 ? string.CompareOrdinal(Meta.Uid(a), Meta.Uid(b)) < 0 : rankDiff < 0;
    }

    private static long LogRank(TimeSpan age) => age > TimeSpan.Zero ? (long)Math.Log2(age.Ticks * 100.0) : -1;

    /// <summary>podPhaseToOrdinal: Pending 0, Unknown 1, Running 2 (other phases are not active, so never compared).</summary>
    private static int PhaseOrdinal(JsonObject pod) => PodConditions.Phase(pod) switch
    {
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };

    /// <summary>The annotation as an int32; absent or invalid counts as 0 (GetDeletionCostFromPodAnnotations).</summary>
    public static int DeletionCost(JsonObject pod) =>
        int.TryParse(Meta.String(pod["metadata"]?["annotations"], DeletionCostAnnotation),
            NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var cost) ? cost : 0;

    private static long MaxRestarts(JsonObject pod) =>
        (pod["status"]?["containerStatuses"] as JsonArray ?? []).Select(c => JsonNumbers.Long(c, "restartCount")).DefaultIfEmpty(0).Max();
}

/// <summary>A pod with its co-location rank (how many related active pods share its node).</summary>
internal sealed record RankedPod(JsonObject Pod, int Rank);
