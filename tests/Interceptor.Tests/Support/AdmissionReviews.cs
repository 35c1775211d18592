using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Interceptor.Tests.Support;

/// <summary>
/// AdmissionReview bodies as the kube-apiserver sends them for a pods/eviction CREATE
/// (k8s.io/api/admission/v1; the pod is not in the review, only the Eviction).
/// </summary>
public static class AdmissionReviews
{
    public static JsonObject Eviction(
        string ns,
        string pod,
        string uid = "705ab4f5-6393-11e8-b7cc-42010a800002",
        string version = "v1",
        bool requestDryRun = false,
        bool bodyDryRun = false,
        string? preconditionUid = null,
        string user = "system:serviceaccount:kube-system:cluster-autoscaler")
    {
        var deleteOptions = new JsonObject();
        if (bodyDryRun)
        {
            deleteOptions["dryRun"] = new JsonArray("All");
        }

        if (preconditionUid is not null)
        {
            deleteOptions["preconditions"] = new JsonObject { ["uid"] = preconditionUid };
        }

        return new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = uid,
                ["kind"] = new JsonObject { ["group"] = "policy", ["version"] = version, ["kind"] = "Eviction" },
                ["resource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
                ["subResource"] = "eviction",
                ["requestKind"] = new JsonObject { ["group"] = "policy", ["version"] = version, ["kind"] = "Eviction" },
                ["requestResource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
                ["requestSubResource"] = "eviction",
                ["name"] = pod,
                ["namespace"] = ns,
                ["operation"] = "CREATE",
                ["userInfo"] = new JsonObject { ["username"] = user, ["groups"] = new JsonArray("system:serviceaccounts", "system:authenticated") },
                ["object"] = new JsonObject
                {
                    ["apiVersion"] = "policy/" + version,
                    ["kind"] = "Eviction",
                    ["metadata"] = new JsonObject { ["name"] = pod, ["namespace"] = ns, ["creationTimestamp"] = null },
                    ["deleteOptions"] = deleteOptions,
                },
                ["oldObject"] = null,
                ["dryRun"] = requestDryRun,
                ["options"] = new JsonObject { ["apiVersion"] = "meta.k8s.io/v1", ["kind"] = "CreateOptions" },
            },
        };
    }

    public static StringContent Json(string body, string contentType = "application/json") =>
        new(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType));

    public static async Task<(int Status, JsonNode? Body)> PostAsync(HttpClient client, JsonNode review)
    {
        using var response = await client.PostAsync("/validate/eviction", Json(review.ToJsonString()));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>The <c>response</c> of an AdmissionReview answer, checked to echo the request UID.</summary>
    public static JsonNode Response(JsonNode? answer, string expectedUid)
    {
        var response = answer?["response"] ?? throw new InvalidOperationException("no response in " + answer?.ToJsonString());
        if ((string?)response["uid"] != expectedUid)
        {
            throw new InvalidOperationException($"response uid {(string?)response["uid"]} does not echo {expectedUid}");
        }

        return response;
    }

    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true };
}
