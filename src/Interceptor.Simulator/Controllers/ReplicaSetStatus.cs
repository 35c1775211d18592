using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers;

/// <summary>replica_set_utils.go calculateStatus: counts over the claimed active pods.</summary>
internal sealed record ReplicaSetStatus(int Replicas, int FullyLabeled, int Ready, int Available, long ObservedGeneration)
{
    public static ReplicaSetStatus Calculate(JsonObject rs, IReadOnlyList<JsonObject> pods, DateTimeOffset now)
    {
        var templateLabels = PodTemplates.Labels(rs["spec"]?["template"] as JsonObject);
        var minReady = TimeSpan.FromSeconds(JsonNumbers.Long(rs["spec"], "minReadySeconds"));
        var fullyLabeled = pods.Count(p => templateLabels.All(l => Meta.Label(p, l.Key) == l.Value?.GetValue<string>()));
        var ready = pods.Where(PodConditions.IsReady).ToList();
        var available = ready.Count(p => minReady == TimeSpan.Zero || PodConditions.ReadyTime(p) is not { } since || since + minReady < now);
        return new ReplicaSetStatus(pods.Count, fullyLabeled, ready.Count, available, Meta.Generation(rs));
    }

    public void WriteTo(JsonObject status)
    {
        status["replicas"] = Replicas;
        status["fullyLabeledReplicas"] = FullyLabeled;
        status["readyReplicas"] = Ready;
        status["availableReplicas"] = Available;
        status["observedGeneration"] = ObservedGeneration;
    }
}
