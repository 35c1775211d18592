using Interceptor.Simulator.Admission;
using Interceptor.Simulator.Admission.Policies;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Http.Handlers;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Http;

/// <summary>
/// Picks the handler for a resource URL and HTTP method. New verbs or subresources (eviction,
/// scale, binding) are one handler class and one line here.
/// </summary>
internal sealed class ResourceDispatcher(
    FakeObjectStore store, WatchSession watch, AdmissionWebhooks webhooks, CreateAdmission admission, TimeProvider clock)
{
    private readonly GetHandler _get = new(store, clock);
    private readonly ListHandler _list = new(store, watch, clock);
    private readonly CreateHandler _create = new(admission);
    private readonly UpdateHandler _update = new(store, new ValidatingAdmissionPolicies(store, webhooks));
    private readonly DeleteHandler _delete = new(store);
    private PatchHandler Patcher => new(store, _update, clock);
    private readonly EvictionHandler _evict = new(store, new ValidatingAdmission(store, webhooks), clock);
    private readonly BindingHandler _bind = new(store, clock);
    private readonly ScaleHandler _scale = new(store);

    public Task DispatchAsync(HttpContext context, ResourceRoute route)
    {
        CheckSubresource(route);
        var isObject = route.Name is not null;
        var isMain = route.Subresource is null;
        if (route.Subresource == "eviction")
        {
            // The eviction subresource only creates.
            return context.Request.Method == "POST"
                ? _evict.HandleAsync(context, route)
                : throw StatusErrors.MethodNotSupported(route.Resource, VerbName(context.Request.Method, isObject));
        }
        if (route.Subresource == "binding")
        {
            return context.Request.Method == "POST"
                ? _bind.HandleAsync(context, route)
                : throw StatusErrors.MethodNotSupported(route.Resource, VerbName(context.Request.Method, isObject));
        }
        if (route.Subresource == "scale")
        {
            return context.Request.Method is "GET" or "PUT" or "PATCH"
                ? _scale.HandleAsync(context, route)
                : throw StatusErrors.MethodNotSupported(route.Resource, VerbName(context.Request.Method, isObject));
        }
        return context.Request.Method switch
        {
            "GET" when isObject => _get.HandleAsync(context, route),
            "GET" => _list.HandleAsync(context, route),
            "POST" when !isObject && (route.Namespace is not null || !route.Resource.Namespaced) =>
                _create.HandleAsync(context, route),
            "PUT" when isObject => _update.HandleAsync(context, route),
            "PATCH" when isObject => Patcher.HandleAsync(context, route),
            "DELETE" when isObject && isMain => _delete.HandleAsync(context, route),
            var method => throw StatusErrors.MethodNotSupported(route.Resource, VerbName(method, isObject)),
        };
    }

    /// <summary><c>status</c> where the resource declares it, and the resource's own subresources (pods/eviction).</summary>
    private static void CheckSubresource(ResourceRoute route)
    {
        if (route.Subresource is not null
            && !(route.Subresource == "status" && route.Resource.HasStatus)
            && !route.Resource.HasSubresource(route.Subresource))
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
