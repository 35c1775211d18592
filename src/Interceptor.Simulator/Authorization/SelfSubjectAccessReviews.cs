using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Http;

namespace Interceptor.Simulator.Authorization;

/// <summary>
/// <c>POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews</c>, which <c>kubectl auth can-i</c> sends. The
/// simulator enforces no RBAC: every authenticated request is allowed, as with the AlwaysAllow authorizer, so every
/// review is answered <c>allowed: true</c> without a reason, as that authorizer answers (pkg/registry/authorization/
/// selfsubjectaccessreview/rest.go echoes the spec and adds the status; nothing is stored).
/// </summary>
internal static class SelfSubjectAccessReviews
{
    private const string Path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Method != "POST" || context.Request.Path.Value != Path)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        try
        {
            var review = await RequestBody.ReadObjectAsync(context).ConfigureAwait(false);
            await JsonResponses.WriteObjectAsync(context, StatusCodes.Status201Created, Answer(review)).ConfigureAwait(false);
        }
        catch (ApiStatusException error)
        {
            await JsonResponses.WriteStatusAsync(context, error).ConfigureAwait(false);
        }
    }

    private static JsonObject Answer(JsonObject review) => new()
    {
        ["kind"] = "SelfSubjectAccessReview",
        ["apiVersion"] = "authorization.k8s.io/v1",
        ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
        ["spec"] = review["spec"]?.DeepClone() ?? new JsonObject(),
        ["status"] = new JsonObject { ["allowed"] = true },
    };
}
