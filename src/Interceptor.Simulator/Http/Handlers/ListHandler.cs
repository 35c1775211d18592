using Interceptor.Simulator.Store;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Http.Handlers;

/// <summary>GET a collection: a <c>{Kind}List</c>, or a watch stream when <c>watch</c> is set.</summary>
internal sealed class ListHandler(FakeObjectStore store, WatchSession watch)
{
    public Task HandleAsync(HttpContext context, ResourceRoute route)
    {
        var query = ListQuery.From(context.Request.Query);
        var filter = query.Filter(route.Resource, route.Namespace);
        if (query.Watch)
        {
            return watch.RunAsync(context, route.Resource, filter, query);
        }
        var (items, resourceVersion) = store.ListShared(route.Resource, filter);
        return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("kind", route.Resource.ListKind);
            writer.WriteString("apiVersion", route.Resource.ApiVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var item in items)
            {
                // Stored objects always carry apiVersion and kind, so items need no rewriting.
                item.WriteTo(writer);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }
}
