using Interceptor.Simulator.Patching;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Http.Handlers;

/// <summary>
/// PATCH an object or its <c>/status</c>. The patch is applied to the current object inside the
/// store's write, so it never conflicts unless it carries a resourceVersion itself.
/// </summary>
internal sealed class PatchHandler(FakeObjectStore store)
{
    public async Task HandleAsync(HttpContext context, ResourceRoute route)
    {
        var kind = PatchKinds.FromMediaType(RequestBody.MediaType(context));
        var patch = await RequestBody.ReadNodeAsync(context);
        var patched = store.Modify(route.Resource, route.Namespace, route.Name!, current =>
        {
            switch (kind)
            {
                case PatchKind.Merge:
                    MergePatch.Apply(current, patch);
                    break;
                case PatchKind.Strategic:
                    StrategicMergePatch.Apply(current, patch);
                    break;
                default:
                    JsonPatch.Apply(current, patch);
                    break;
            }
            return current;
        }, UpdateHandler.ScopeOf(route));
        await JsonResponses.WriteObjectAsync(context, StatusCodes.Status200OK, patched);
    }
}
