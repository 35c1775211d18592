using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Scheduling;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Http.Handlers;

/// <summary>POST pods/{name}/binding: a scheduler's bind (BindingREST.Create), answered with a 201 Success Status.</summary>
internal sealed class BindingHandler(FakeObjectStore store, TimeProvider clock)
{
    public async Task HandleAsync(HttpContext context, ResourceRoute route)
    {
        var body = await RequestBody.ReadObjectAsync(context);
        var name = route.Name!;
        if ((Meta.Name(body) ?? "") != name)
        {
            throw StatusErrors.BadRequest("name in URL does not match name in Binding object");
        }
        var node = Meta.String(body["target"], "name");
        if (string.IsNullOrEmpty(node))
        {
            throw StatusErrors.Invalid(route.Resource, name, new StatusCause("FieldValueRequired", "Required value", "target.name"));
        }
        PodBinding.Bind(store, route.Namespace!, name, node, clock);
        await JsonResponses.WriteAsync(context, StatusCodes.Status201Created, EvictionHandler.WriteSuccess);
    }
}
