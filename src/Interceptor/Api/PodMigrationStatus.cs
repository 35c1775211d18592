using System.Text.Json.Serialization;
using k8s.Models;

namespace Interceptor.Api;

/// <summary>Observed progress of a migration: written only by the controller through the status subresource.</summary>
public sealed class PodMigrationStatus
{
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("attempt")]
    public int? Attempt { get; set; }

    [JsonPropertyName("targetNode")]
    public string? TargetNode { get; set; }

    [JsonPropertyName("replacementPod")]
    public string? ReplacementPod { get; set; }

    [JsonPropertyName("startTime")]
    public DateTime? StartTime { get; set; }

    [JsonPropertyName("completionTime")]
    public DateTime? CompletionTime { get; set; }

    /// <summary>How long the workload did not serve: from traffic off the source to the replacement Ready.</summary>
    [JsonPropertyName("downtimeSeconds")]
    public double? DowntimeSeconds { get; set; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }

    [JsonPropertyName("checkpoints")]
    public IList<ContainerCheckpoint>? Checkpoints { get; set; }
}

/// <summary>One container's published checkpoint image.</summary>
public sealed class ContainerCheckpoint
{
    [JsonPropertyName("container")]
    public string Container { get; set; } = "";

    [JsonPropertyName("image")]
    public string Image { get; set; } = "";

    [JsonPropertyName("digest")]
    public string? Digest { get; set; }

    [JsonPropertyName("sizeBytes")]
    public long? SizeBytes { get; set; }
}
