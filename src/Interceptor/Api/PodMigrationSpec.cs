using System.Text.Json.Serialization;

namespace Interceptor.Api;

/// <summary>What to migrate and under which policy. podName, podUID and sourceNode are immutable (CEL in the CRD).</summary>
public sealed class PodMigrationSpec
{
    [JsonPropertyName("podName")]
    public string PodName { get; set; } = "";

    [JsonPropertyName("podUID")]
    public string PodUid { get; set; } = "";

    [JsonPropertyName("sourceNode")]
    public string? SourceNode { get; set; }

    /// <summary>An explicit target node; empty lets the scheduler choose under the pod's own constraints.</summary>
    [JsonPropertyName("targetNode")]
    public string? TargetNode { get; set; }

    [JsonPropertyName("trigger")]
    public string Trigger { get; set; } = MigrationTriggers.Manual;

    [JsonPropertyName("onFailure")]
    public string OnFailure { get; set; } = FailurePolicies.Evict;

    /// <summary>The user that asked for the eviction (from the admission request), for the audit trail.</summary>
    [JsonPropertyName("requestedBy")]
    public string? RequestedBy { get; set; }
}

/// <summary>Values of <see cref="PodMigrationSpec.Trigger"/>.</summary>
public static class MigrationTriggers
{
    public const string Eviction = "Eviction";
    public const string EvictionRequest = "EvictionRequest";
    public const string Manual = "Manual";
}

/// <summary>Values of <see cref="PodMigrationSpec.OnFailure"/>: what a failed migration does to the eviction.</summary>
public static class FailurePolicies
{
    /// <summary>Let the eviction through: the pod restarts cold elsewhere, the drain goes on.</summary>
    public const string Evict = "Evict";

    /// <summary>Keep answering 429 until an operator acts: for workloads that prefer a blocked drain to a cold restart.</summary>
    public const string Block = "Block";

    public static bool IsKnown(string? value) => value is Evict or Block;
}
