using System.Text.Json.Serialization;

namespace Interceptor.Admission;

/// <summary>
/// The <c>policy/v1</c> (or <c>policy/v1beta1</c>: same shape) Eviction carried in <c>request.object</c>.
/// Only what the decision needs: the dry-run marker, the UID precondition and the name.
/// </summary>
public sealed record EvictionBody
{
    public const string PolicyV1 = "policy/v1";
    public const string PolicyV1Beta1 = "policy/v1beta1";
    public const string EvictionKind = "Eviction";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }

    [JsonPropertyName("kind")] public string? Kind { get; init; }

    [JsonPropertyName("metadata")] public EvictionMetadata? Metadata { get; init; }

    [JsonPropertyName("deleteOptions")] public EvictionDeleteOptions? DeleteOptions { get; init; }

    /// <summary>
    /// <c>kubectl drain --dry-run=server</c> marks the dry run only here (<c>deleteOptions.dryRun: ["All"]</c>):
    /// the AdmissionReview's <c>request.dryRun</c> stays false (seen on a real kube-apiserver 1.36).
    /// </summary>
    public bool IsDryRun => DeleteOptions?.DryRun is { Count: > 0 } values && values.Contains("All");
}

public sealed record EvictionMetadata
{
    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("namespace")] public string? Namespace { get; init; }
}

public sealed record EvictionDeleteOptions
{
    [JsonPropertyName("dryRun")] public IReadOnlyList<string>? DryRun { get; init; }

    [JsonPropertyName("gracePeriodSeconds")] public long? GracePeriodSeconds { get; init; }

    [JsonPropertyName("preconditions")] public EvictionPreconditions? Preconditions { get; init; }
}

public sealed record EvictionPreconditions
{
    [JsonPropertyName("uid")] public string? Uid { get; init; }

    [JsonPropertyName("resourceVersion")] public string? ResourceVersion { get; init; }
}
