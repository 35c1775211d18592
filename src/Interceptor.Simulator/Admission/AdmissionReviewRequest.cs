using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Admission;

/// <summary>The AdmissionReview v1 the server posts to a webhook (k8s.io/api admission/v1 AdmissionRequest).</summary>
internal static class AdmissionReviewRequest
{
    /// <summary>
    /// <c>kind</c> is the storage kind (pods/eviction: policy/v1 Eviction, whatever version was sent),
    /// <c>requestKind</c> the kind the caller sent; the user is the impersonated one or the configured default.
    /// </summary>
    public static JsonObject Build(string uid, AdmissionRequestContext context, AdmissionWebhooks settings)
    {
        var request = context.Attributes;
        var user = context.User ?? settings.DefaultUser;
        return Review(uid, request, context.Kind, context.RequestKind, context.Object, user);
    }

    private static JsonObject Review(
        string uid, AdmissionAttributes request, GroupVersionKind kind, GroupVersionKind requestKind,
        JsonObject obj, AdmissionUser user) => new()
    {
        ["kind"] = "AdmissionReview",
        ["apiVersion"] = "admission.k8s.io/v1",
        ["request"] = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = kind.ToJson(),
            ["resource"] = Resource(request),
            ["subResource"] = request.Subresource,
            ["requestKind"] = requestKind.ToJson(),
            ["requestResource"] = Resource(request),
            ["requestSubResource"] = request.Subresource,
            ["name"] = request.Name,
            ["namespace"] = request.Namespace,
            ["operation"] = request.Operation,
            ["userInfo"] = new JsonObject
            {
                ["username"] = user.Username,
                ["groups"] = new JsonArray([.. user.Groups.Select(g => JsonValue.Create(g))]),
            },
            ["object"] = obj.DeepClone(),
            ["oldObject"] = null,
            ["dryRun"] = request.DryRun,
            ["options"] = CreateOptions(request.DryRun),
        },
    };

    private static JsonObject Resource(AdmissionAttributes request) => new()
    {
        ["group"] = request.Group,
        ["version"] = request.Version,
        ["resource"] = request.Resource,
    };

    private static JsonObject CreateOptions(bool dryRun)
    {
        var options = new JsonObject { ["kind"] = "CreateOptions", ["apiVersion"] = "meta.k8s.io/v1" };
        if (dryRun)
        {
            options["dryRun"] = new JsonArray("All");
        }
        return options;
    }
}

/// <summary>A <c>metav1.GroupVersionKind</c> as AdmissionRequest carries it.</summary>
internal sealed record GroupVersionKind(string Group, string Version, string Kind)
{
    public JsonObject ToJson() => new() { ["group"] = Group, ["version"] = Version, ["kind"] = Kind };
}
