using System.Text.Json.Nodes;
using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Patching;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Http.Handlers;

/// <summary>
/// GET, PUT and PATCH of a workload's <c>scale</c> subresource (what <c>kubectl scale</c> patches): the Scale is a
/// view of the workload, and a change to it writes only <c>spec.replicas</c> back, honouring a resourceVersion it carries.
/// </summary>
internal sealed class ScaleHandler(FakeObjectStore store)
{
    public async Task HandleAsync(HttpContext context, ResourceRoute route)
    {
        var method = context.Request.Method;
        if (method == "GET")
        {
            var workload = store.Get(route.Resource, route.Namespace, route.Name!);
            await JsonResponses.WriteObjectAsync(context, StatusCodes.Status200OK, WorkloadScale.From(workload));
            return;
        }
        var kind = method == "PATCH" ? PatchKinds.FromMediaType(RequestBody.MediaType(context), route.Resource) : (PatchKind?)null;
        var body = await RequestBody.ReadNodeAsync(context);
        var updated = store.Modify(route.Resource, route.Namespace, route.Name!, current =>
        {
            var scale = WorkloadScale.From(current);
            var desired = kind is { } patchKind ? Patched(scale, patchKind, body) : body as JsonObject
                ?? throw StatusErrors.BadRequest("the request body must be a JSON object");
            if (Meta.ResourceVersion(desired) is { Length: > 0 } version && version != Meta.ResourceVersion(current))
            {
                throw StatusErrors.Conflict(route.Resource, route.Name!, StatusErrors.OptimisticLockMessage);
            }
            current["spec"]!["replicas"] = JsonNumbers.Long(desired["spec"], "replicas");
            return current;
        }, UpdateScope.Main);
        await JsonResponses.WriteObjectAsync(context, StatusCodes.Status200OK, WorkloadScale.From(updated));
    }

    private static JsonObject Patched(JsonObject scale, PatchKind kind, JsonNode? patch)
    {
        PatchHandler.Apply(scale, kind, patch);
        return scale;
    }
}
