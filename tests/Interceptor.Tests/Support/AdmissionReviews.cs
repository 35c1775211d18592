using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Interceptor.Tests.Support;

/// <summary>
/// AdmissionReview bodies as the kube-apiserver sends them for a pods/eviction CREATE
/// (k8s.io/api/admission/v1; the pod is not in the review, only the Eviction) and for a pods CREATE.
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

    /// <summary>
    /// The review of a pods CREATE as the kube-apiserver sends it to a mutating webhook: the pod as submitted (no UID,
    /// no status; the name empty when generateName is used), its namespace only in <c>request.namespace</c>.
    /// </summary>
    public static JsonObject PodCreate(string ns, V1Pod pod, string uid = "b1a3c0de-6393-11e8-b7cc-42010a800002", bool dryRun = false)
    {
        var obj = JsonNode.Parse(KubernetesJson.Serialize(pod))!.AsObject();
        obj["metadata"]!.AsObject().Remove("namespace");
        obj["metadata"]!.AsObject().Remove("uid");
        obj.Remove("status");
        var podKind = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" };
        var pods = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" };
        return new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = uid, ["kind"] = podKind, ["resource"] = pods, ["requestKind"] = podKind.DeepClone(), ["requestResource"] = pods.DeepClone(),
                ["name"] = pod.Metadata.Name ?? "", ["namespace"] = ns, ["operation"] = "CREATE",
                ["userInfo"] = new JsonObject { ["username"] = "system:serviceaccount:kube-system:replicaset-controller" },
                ["object"] = obj, ["oldObject"] = null, ["dryRun"] = dryRun,
                ["options"] = new JsonObject { ["apiVersion"] = "meta.k8s.io/v1", ["kind"] = "CreateOptions" },
            },
        };
    }

    public static StringContent Json(string body, string contentType = "application/json") =>
        new(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType));

    public static async Task<(int Status, JsonNode? Body)> PostAsync(HttpClient client, JsonNode review, string path = "/validate/eviction")
    {
        using var response = await client.PostAsync(path, Json(review.ToJsonString()));
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
