using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Http.Handlers;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Http;

/// <summary>
/// Picks the handler for a resource URL and HTTP method. New verbs or subresources (eviction,
/// scale, binding) are one handler class and one line here.
/// </summary>
internal sealed class ResourceDispatcher(FakeObjectStore store, WatchSession watch)
{
    private readonly GetHandler _get = new(store);
    private readonly ListHandler _list = new(store, watch);
    private readonly CreateHandler _create = new(store);
    private readonly UpdateHandler _update = new(store);
    private readonly PatchHandler _patch = new(store);
    private readonly DeleteHandler _delete = new(store);

    public Task DispatchAsync(HttpContext context, ResourceRoute route)
    {
        CheckSubresource(route);
        var isObject = route.Name is not null;
        var isMain = route.Subresource is null;
        return context.Request.Method switch
        {
            "GET" when isObject => _get.HandleAsync(context, route),
            "GET" => _list.HandleAsync(context, route),
            "POST" when !isObject && (route.Namespace is not null || !route.Resource.Namespaced) =>
                _create.HandleAsync(context, route),
            "PUT" when isObject => _update.HandleAsync(context, route),
            "PATCH" when isObject => _patch.HandleAsync(context, route),
            "DELETE" when isObject && isMain => _delete.HandleAsync(context, route),
            var method => throw StatusErrors.MethodNotSupported(route.Resource, VerbName(method, isObject)),
        };
    }

    /// <summary>Only <c>status</c> exists so far, and only where the resource declares it.</summary>
    private static void CheckSubresource(ResourceRoute route)
    {
        if (route.Subresource is not null && !(route.Subresource == "status" && route.Resource.HasStatus))
        {
            throw StatusErrors.UnknownPath();
        }
    }

    private static string VerbName(string method, bool isObject) => (method, isObject) switch
    {
        ("POST", _) => "create",
        ("DELETE", false) => "deletecollection",
        ("PUT" or "PATCH", false) => method == "PUT" ? "update" : "patch",
        _ => method.ToLowerInvariant(),
    };
}
