using System.Text.Json.Serialization;

namespace Interceptor.Admission;

// The admission.k8s.io/v1 wire types (k8s.io/api/admission/v1/types.go). KubernetesClient does not ship them,
// and only the fields the eviction webhook reads or writes are modelled; unknown fields are ignored.

public sealed record AdmissionReview(
    [property: JsonPropertyName("apiVersion")] string? ApiVersion,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("request")] AdmissionRequest? Request,
    [property: JsonPropertyName("response")] AdmissionResponse? Response = null)
{
    public const string V1 = "admission.k8s.io/v1";
    public const string ReviewKind = "AdmissionReview";

    public static AdmissionReview For(AdmissionResponse response) => new(V1, ReviewKind, null, response);
}

public sealed record AdmissionRequest(
    [property: JsonPropertyName("uid")] string? Uid,
    [property: JsonPropertyName("kind")] GroupVersionKind? Kind,
    [property: JsonPropertyName("resource")] GroupVersionResource? Resource,
    [property: JsonPropertyName("subResource")] string? SubResource,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("operation")] string? Operation,
    [property: JsonPropertyName("userInfo")] AdmissionUserInfo? UserInfo,
    // Typed, not a JsonElement: the Eviction is read in the same pass as the review, with no document to build.
    [property: JsonPropertyName("object")] EvictionBody? Object,
    [property: JsonPropertyName("dryRun")] bool? DryRun);

public sealed record GroupVersionKind(
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("kind")] string? Kind);

public sealed record GroupVersionResource(
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("resource")] string? Resource);

public sealed record AdmissionUserInfo(
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("uid")] string? Uid,
    [property: JsonPropertyName("groups")] IReadOnlyList<string>? Groups);

public sealed record AdmissionResponse(
    [property: JsonPropertyName("uid")] string Uid,
    [property: JsonPropertyName("allowed")] bool Allowed,
    [property: JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AdmissionStatus? Status = null,
    [property: JsonPropertyName("warnings"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings = null);

/// <summary>The metav1.Status the API server turns into the caller's error (code, reason and message pass through).</summary>
public sealed record AdmissionStatus(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("status")] string Status = "Failure");
