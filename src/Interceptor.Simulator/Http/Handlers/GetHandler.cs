using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Http.Handlers;

/// <summary>GET one object (also for <c>/status</c>, which returns the whole object, as the real server does).</summary>
internal sealed class GetHandler(FakeObjectStore store)
{
    public Task HandleAsync(HttpContext context, ResourceRoute route)
    {
        var obj = store.TryGet(route.Resource, route.Namespace, route.Name!)
            ?? throw StatusErrors.NotFound(route.Resource, route.Name!);
        return JsonResponses.WriteObjectAsync(context, StatusCodes.Status200OK, obj);
    }
}
