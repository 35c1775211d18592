using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// The AdmissionReview the kube-apiserver sends a pods/eviction webhook (k8s.io/api/admission/v1), and the
/// caller-visible outcome it turns the answer into (apiserver webhook/errors/statuserror.go).
/// </summary>
public static class EvictionReviews
{
    public static JsonObject For(string ns, string pod, bool dryRun) => new()
    {
        ["apiVersion"] = "admission.k8s.io/v1",
        ["kind"] = "AdmissionReview",
        ["request"] = new JsonObject
        {
            ["uid"] = Guid.NewGuid().ToString(),
            ["kind"] = new JsonObject { ["group"] = "policy", ["version"] = "v1", ["kind"] = "Eviction" },
            ["resource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
            ["subResource"] = "eviction",
            ["name"] = pod,
            ["namespace"] = ns,
            ["operation"] = "CREATE",
            ["userInfo"] = new JsonObject { ["username"] = "kubernetes-admin" },
            // kubectl drain --dry-run=server marks only the body; the review's own dryRun stays false.
            ["object"] = new JsonObject
            {
                ["apiVersion"] = "policy/v1",
                ["kind"] = "Eviction",
                ["metadata"] = new JsonObject { ["name"] = pod, ["namespace"] = ns },
                ["deleteOptions"] = dryRun ? new JsonObject { ["dryRun"] = new JsonArray("All") } : new JsonObject(),
            },
            ["dryRun"] = false,
        },
    };

    /// <summary>What the eviction's caller would see: allowed, or the webhook's denial as the API server words it.</summary>
    public static async Task<string> SendAsync(HttpClient webhook, string ns, string pod, bool dryRun)
    {
        using var content = new StringContent(For(ns, pod, dryRun).ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var response = await webhook.PostAsync("/validate/eviction", content).ConfigureAwait(false);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false))?["response"];
        if (answer?["allowed"]?.GetValue<bool>() == true)
        {
            return "allowed (the API server now evicts it: 201)";
        }

        var code = answer?["status"]?["code"]?.GetValue<int>() ?? 400;
        return $"{Math.Max(code, 400)} admission webhook \"eviction.interceptor.dev\" denied the request: {answer?["status"]?["message"]}";
    }
}
