using System.Text.Json.Serialization;

namespace Interceptor.Admission;

/// <summary>
/// The <c>policy/v1</c> (or <c>policy/v1beta1</c>: same shape) Eviction carried in <c>request.object</c>.
/// Only what the decision needs: the dry-run marker, the UID precondition and the name.
/// </summary>
public sealed record EvictionBody(
    [property: JsonPropertyName("apiVersion")] string? ApiVersion,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("metadata")] EvictionMetadata? Metadata,
    [property: JsonPropertyName("deleteOptions")] EvictionDeleteOptions? DeleteOptions)
{
    public const string PolicyV1 = "policy/v1";
    public const string PolicyV1Beta1 = "policy/v1beta1";
    public const string EvictionKind = "Eviction";

    /// <summary>
    /// <c>kubectl drain --dry-run=server</c> marks the dry run only here (<c>deleteOptions.dryRun: ["All"]</c>):
    /// the AdmissionReview's <c>request.dryRun</c> stays false (seen on a real kube-apiserver 1.36).
    /// </summary>
    public bool IsDryRun => DeleteOptions?.DryRun is { Count: > 0 } values && values.Contains("All");
}

public sealed record EvictionMetadata(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("namespace")] string? Namespace);

public sealed record EvictionDeleteOptions(
    [property: JsonPropertyName("dryRun")] IReadOnlyList<string>? DryRun,
    [property: JsonPropertyName("gracePeriodSeconds")] long? GracePeriodSeconds,
    [property: JsonPropertyName("preconditions")] EvictionPreconditions? Preconditions);

public sealed record EvictionPreconditions(
    [property: JsonPropertyName("uid")] string? Uid,
    [property: JsonPropertyName("resourceVersion")] string? ResourceVersion);
