using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Http.Handlers;

/// <summary>POST to a collection: create, answering 201 with the stored object.</summary>
internal sealed class CreateHandler(FakeObjectStore store)
{
    public async Task HandleAsync(HttpContext context, ResourceRoute route)
    {
        var body = await RequestBody.ReadObjectAsync(context);
        var created = store.Create(route.Resource, body, route.Namespace);
        await JsonResponses.WriteObjectAsync(context, StatusCodes.Status201Created, created);
    }
}
