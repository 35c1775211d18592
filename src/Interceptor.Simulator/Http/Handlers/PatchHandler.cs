using Interceptor.Simulator.Patching;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Http.Handlers;

/// <summary>
/// PATCH an object or its <c>/status</c>. The patch is applied to the current object inside the
/// store's write, so it never conflicts unless it carries a resourceVersion itself.
/// </summary>
internal sealed class PatchHandler(FakeObjectStore store, UpdateHandler updates)
{
    public async Task HandleAsync(HttpContext context, ResourceRoute route)
    {
        var kind = PatchKinds.FromMediaType(RequestBody.MediaType(context));
        var patch = await RequestBody.ReadNodeAsync(context);
        var warnings = new List<string>();
        var patched = store.Modify(route.Resource, route.Namespace, route.Name!, current =>
        {
            Apply(current, kind, patch);
            return current;
        }, UpdateHandler.ScopeOf(route), updates.Admit(context, route, warnings));
        WarningHeaders.Add(context, warnings);
        await JsonResponses.WriteObjectAsync(context, StatusCodes.Status200OK, patched);
    }

    /// <summary>Applies a patch of any supported kind in place (also used for the scale subresource's Scale).</summary>
    public static void Apply(System.Text.Json.Nodes.JsonObject target, PatchKind kind, System.Text.Json.Nodes.JsonNode? patch)
    {
        switch (kind)
        {
            case PatchKind.Merge:
                MergePatch.Apply(target, patch);
                break;
            case PatchKind.Strategic:
                StrategicMergePatch.Apply(target, patch);
                break;
            default:
                JsonPatch.Apply(target, patch);
                break;
        }
    }
}
