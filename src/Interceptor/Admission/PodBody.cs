using System.Text.Json.Serialization;

namespace Interceptor.Admission;

/// <summary>
/// The core/v1 Pod carried in <c>request.object</c> of a pods CREATE review. Only what the mutation decides on:
/// the opt-in label, the owner, the mirror annotations and the readiness gates. Everything else (containers,
/// volumes...) is skipped by the reader, never materialized.
/// </summary>
public sealed record PodBody
{
    public const string CoreV1 = "v1";
    public const string PodKind = "Pod";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }

    [JsonPropertyName("kind")] public string? Kind { get; init; }

    [JsonPropertyName("metadata")] public PodBodyMetadata? Metadata { get; init; }

    [JsonPropertyName("spec")] public PodBodySpec? Spec { get; init; }

    /// <summary>The kind of the controller owner reference, if any (at most one owner is the controller).</summary>
    public string? ControllerKind => Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true)?.Kind;
}

public sealed record PodBodyMetadata
{
    /// <summary>Empty when the pod is created with <c>generateName</c>: the API server names it after admission.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("generateName")] public string? GenerateName { get; init; }

    /// <summary>Often empty on CREATE: the namespace is the request's (<c>request.namespace</c>).</summary>
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }

    [JsonPropertyName("labels")] public IDictionary<string, string>? Labels { get; init; }

    [JsonPropertyName("annotations")] public IDictionary<string, string>? Annotations { get; init; }

    [JsonPropertyName("ownerReferences")] public IReadOnlyList<PodBodyOwnerReference>? OwnerReferences { get; init; }
}

public sealed record PodBodyOwnerReference
{
    [JsonPropertyName("kind")] public string? Kind { get; init; }

    [JsonPropertyName("controller")] public bool? Controller { get; init; }
}

public sealed record PodBodySpec
{
    /// <summary>Null when the field is absent (or JSON null): the patch then adds the whole list.</summary>
    [JsonPropertyName("readinessGates")] public IReadOnlyList<PodBodyReadinessGate>? ReadinessGates { get; init; }
}

public sealed record PodBodyReadinessGate
{
    [JsonPropertyName("conditionType")] public string? ConditionType { get; init; }
}
