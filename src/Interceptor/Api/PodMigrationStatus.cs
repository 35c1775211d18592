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

    /// <summary>When the source stopped serving (its readiness gate set False): the start of the downtime.</summary>
    [JsonPropertyName("trafficOffTime")]
    public DateTime? TrafficOffTime { get; set; }

    /// <summary>When the replacement was first seen Ready: the end of the downtime.</summary>
    [JsonPropertyName("replacementReadyTime")]
    public DateTime? ReplacementReadyTime { get; set; }

    /// <summary>
    /// How traffic is switched: <c>ReadinessGate</c> when the source carries the <c>interceptor.dev/serving</c> gate,
    /// <c>None</c> for a pod created before Interceptor was installed (Services keep sending it requests until it goes).
    /// </summary>
    [JsonPropertyName("trafficSwitch")]
    public string? TrafficSwitch { get; set; }

    /// <summary>Whether the source node was cordoned (or tainted for removal) when the migration was admitted.</summary>
    [JsonPropertyName("sourceNodeDraining")]
    public bool? SourceNodeDraining { get; set; }

    /// <summary>The controller's estimate of the whole migration, from the pod's memory.</summary>
    [JsonPropertyName("estimatedSeconds")]
    public double? EstimatedSeconds { get; set; }

    /// <summary>Past this moment before the commit point the migration rolls back.</summary>
    [JsonPropertyName("deadline")]
    public DateTime? Deadline { get; set; }

    /// <summary>Every phase entered, with its time: the timeline of the migration.</summary>
    [JsonPropertyName("phaseHistory")]
    public IList<PhaseTransition>? PhaseHistory { get; set; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }

    [JsonPropertyName("checkpoints")]
    public IList<ContainerCheckpoint>? Checkpoints { get; set; }
}

/// <summary>
/// One container's checkpoint for the current attempt. The controller lists the containers to checkpoint
/// (<see cref="Container"/> only) when it enters Checkpointing; the agent on the source node fills in the rest
/// as each container is published, so after a restart it redoes only the containers without a reference.
/// </summary>
public sealed class ContainerCheckpoint
{
    [JsonPropertyName("container")]
    public string Container { get; set; } = "";

    /// <summary>The checkpoint image (<c>repo@sha256:...</c>) when the transport is a registry; null otherwise.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    /// <summary>Which transport published it: <c>registry</c> or <c>shared-volume</c>.</summary>
    [JsonPropertyName("transport")]
    public string? Transport { get; set; }

    /// <summary>What the target restores from: the image reference, or the path relative to the shared volume's root.</summary>
    [JsonPropertyName("reference")]
    public string? Reference { get; set; }

    /// <summary>SHA-256 of what was published (<c>sha256:...</c>): the image manifest, or the archive file.</summary>
    [JsonPropertyName("digest")]
    public string? Digest { get; set; }

    [JsonPropertyName("sizeBytes")]
    public long? SizeBytes { get; set; }

    /// <summary>The <see cref="PodMigrationStatus.Attempt"/> this checkpoint belongs to; one of an earlier attempt is redone.</summary>
    [JsonPropertyName("attempt")]
    public int? Attempt { get; set; }
}
