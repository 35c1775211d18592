using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Http.Handlers;

/// <summary>DELETE an object, honouring <c>preconditions</c> in an optional DeleteOptions body.</summary>
internal sealed class DeleteHandler(FakeObjectStore store)
{
    public async Task HandleAsync(HttpContext context, ResourceRoute route)
    {
        var options = await RequestBody.ReadNodeAsync(context) as System.Text.Json.Nodes.JsonObject;
        var result = store.Delete(route.Resource, route.Namespace, route.Name!, Preconditions.FromDeleteOptions(options), options);
        // 200 when gone, 202 when a deletion hook only marked it (graceful deletion, finalizers).
        var code = result.Removed ? StatusCodes.Status200OK : StatusCodes.Status202Accepted;
        await JsonResponses.WriteObjectAsync(context, code, result.Object);
    }
}
