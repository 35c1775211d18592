using System.Text.Json.Serialization;

namespace Interceptor.Admission;

// The admission.k8s.io/v1 wire types (k8s.io/api/admission/v1/types.go). KubernetesClient does not ship them,
// and only the fields the webhooks read or write are modelled; unknown fields are ignored.

// Read-side types are records with init properties, not positional records: System.Text.Json binds a parameterized
// constructor through an argument buffer, which made parsing a review nearly twice as slow.

/// <summary>
/// An AdmissionReview whose <c>request.object</c> is read as <typeparamref name="TObject"/>: each endpoint models
/// only the object it admits (an Eviction, a Pod), and everything around it is shared.
/// </summary>
public record AdmissionReview<TObject>
    where TObject : class
{
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }

    [JsonPropertyName("kind")] public string? Kind { get; init; }

    [JsonPropertyName("request")] public AdmissionRequest<TObject>? Request { get; init; }

    [JsonPropertyName("response")] public AdmissionResponse? Response { get; init; }
}

/// <summary>The review of a pods/eviction CREATE, and the shape of every answer (its request is never written).</summary>
public sealed record AdmissionReview : AdmissionReview<EvictionBody>
{
    public const string V1 = "admission.k8s.io/v1";
    public const string ReviewKind = "AdmissionReview";

    public static AdmissionReview For(AdmissionResponse response) => new() { ApiVersion = V1, Kind = ReviewKind, Response = response };
}

public sealed record AdmissionRequest<TObject>
    where TObject : class
{
    [JsonPropertyName("uid")] public string? Uid { get; init; }

    [JsonPropertyName("kind")] public GroupVersionKind? Kind { get; init; }

    [JsonPropertyName("resource")] public GroupVersionResource? Resource { get; init; }

    [JsonPropertyName("subResource")] public string? SubResource { get; init; }

    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("namespace")] public string? Namespace { get; init; }

    [JsonPropertyName("operation")] public string? Operation { get; init; }

    [JsonPropertyName("userInfo")] public AdmissionUserInfo? UserInfo { get; init; }

    [JsonPropertyName("object")] public TObject? Object { get; init; }

    [JsonPropertyName("dryRun")] public bool? DryRun { get; init; }
}

public sealed record GroupVersionKind
{
    [JsonPropertyName("group")] public string? Group { get; init; }

    [JsonPropertyName("version")] public string? Version { get; init; }

    [JsonPropertyName("kind")] public string? Kind { get; init; }
}

public sealed record GroupVersionResource
{
    [JsonPropertyName("group")] public string? Group { get; init; }

    [JsonPropertyName("version")] public string? Version { get; init; }

    [JsonPropertyName("resource")] public string? Resource { get; init; }
}

public sealed record AdmissionUserInfo
{
    [JsonPropertyName("username")] public string? Username { get; init; }

    [JsonPropertyName("uid")] public string? Uid { get; init; }

    [JsonPropertyName("groups")] public IReadOnlyList<string>? Groups { get; init; }
}

public sealed record AdmissionResponse(
    [property: JsonPropertyName("uid")] string Uid,
    [property: JsonPropertyName("allowed")] bool Allowed,
    [property: JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AdmissionStatus? Status = null,
    [property: JsonPropertyName("warnings"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings = null,
    [property: JsonPropertyName("patchType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PatchType = null,
    // A byte array is written as base64, which is what the API server expects in "patch".
    [property: JsonPropertyName("patch"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] byte[]? Patch = null);

/// <summary>The metav1.Status the API server turns into the caller's error (code, reason and message pass through).</summary>
public sealed record AdmissionStatus(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("status")] string Status = "Failure");
