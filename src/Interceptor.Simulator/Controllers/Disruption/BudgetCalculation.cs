using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers.Disruption;

/// <summary>
/// The numbers of a PDB's status as pkg/controller/disruption/disruption.go computes them in trySync:
/// getExpectedPodCount (minAvailable / maxUnavailable, integer or percent, rounded up as
/// intstr.GetScaledValueFromIntOrPercent(..., true)), buildDisruptedPodMap and countHealthyPods.
/// </summary>
internal sealed record BudgetCalculation(long ExpectedPods, long DesiredHealthy, long CurrentHealthy, JsonObject DisruptedPods, DateTimeOffset? Recheck)
{
    /// <summary>disruption.go DeletionTimeout: an eviction not followed by a deletion within it stops counting.</summary>
    public static readonly TimeSpan DeletionTimeout = TimeSpan.FromMinutes(2);

    /// <summary>updatePdbStatus: no disruption while no pod is expected or the healthy ones do not exceed the desired.</summary>
    public long DisruptionsAllowed => ExpectedPods <= 0 ? 0 : Math.Max(0, CurrentHealthy - DesiredHealthy);

    /// <summary>The calculation, or null when it fails (unknown controller, malformed value): upstream's failSafe.</summary>
    public static BudgetCalculation? For(FakeObjectStore store, JsonObject pdb, IReadOnlyList<JsonObject> pods, DateTimeOffset now)
    {
        if (Expected(store, pdb, pods) is not var (expected, desired))
        {
            return null;
        }
        var (disrupted, recheck) = StillDisrupted(pdb, pods, now);
        var healthy = pods.Count(pod => !PodConditions.IsTerminating(pod) && !disrupted.ContainsKey(Meta.Name(pod)!) && PodConditions.IsReady(pod));
        return new BudgetCalculation(expected, desired, healthy, disrupted, recheck);
    }

    private static (long Expected, long Desired)? Expected(FakeObjectStore store, JsonObject pdb, IReadOnlyList<JsonObject> pods)
    {
        var spec = pdb["spec"];
        if (spec?["maxUnavailable"] is JsonValue maxUnavailable)
        {
            return ExpectedScale.Of(store, pods) is { } scale && Scaled(maxUnavailable, scale) is { } max
                ? (scale, Math.Max(0, scale - max))
                : null;
        }
        if (spec?["minAvailable"] is not JsonValue minAvailable)
        {
            // Neither is set: getExpectedPodCount leaves both at zero, so no disruption is allowed.
            return (0, 0);
        }
        if (minAvailable.GetValueKind() == JsonValueKind.Number)
        {
            return (pods.Count, Scaled(minAvailable, 0)!.Value);
        }
        return ExpectedScale.Of(store, pods) is { } total && Scaled(minAvailable, total) is { } min ? (total, min) : null;
    }

    /// <summary>GetScaledValueFromIntOrPercent with roundUp: an integer as it is, <c>"N%"</c> of <paramref name="total"/> rounded up.</summary>
    private static long? Scaled(JsonValue value, long total)
    {
        if (value.GetValueKind() == JsonValueKind.Number)
        {
            return long.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
        }
        var text = value.GetValue<string>();
        return text.EndsWith('%') && long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent)
            ? (long)Math.Ceiling(percent * total / 100.0)
            : null;
    }

    /// <summary>buildDisruptedPodMap: entries of pods still there, not yet terminating, whose eviction is recent.</summary>
    private static (JsonObject Disrupted, DateTimeOffset? Recheck) StillDisrupted(JsonObject pdb, IReadOnlyList<JsonObject> pods, DateTimeOffset now)
    {
        var previous = pdb["status"]?["disruptedPods"] as JsonObject ?? [];
        var result = new JsonObject();
        DateTimeOffset? recheck = null;
        foreach (var pod in pods.Where(p => !PodConditions.IsTerminating(p)))
        {
            var name = Meta.Name(pod)!;
            if (PodFields.Time(Meta.String(previous, name)) is { } since && since + DeletionTimeout >= now)
            {
                result[name] = Meta.String(previous, name);
                recheck = recheck is null || since + DeletionTimeout < recheck ? since + DeletionTimeout : recheck;
            }
        }
        return (result, recheck);
    }
}
