using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Http.Handlers;

/// <summary>PUT an object or its <c>/status</c>.</summary>
internal sealed class UpdateHandler(FakeObjectStore store)
{
    public async Task HandleAsync(HttpContext context, ResourceRoute route)
    {
        var body = await RequestBody.ReadObjectAsync(context);
        var updated = store.Modify(route.Resource, route.Namespace, route.Name!, _ => body, ScopeOf(route));
        await JsonResponses.WriteObjectAsync(context, StatusCodes.Status200OK, updated);
    }

    public static UpdateScope ScopeOf(ResourceRoute route) =>
        route.Subresource == "status" ? UpdateScope.Status : UpdateScope.Main;
}
