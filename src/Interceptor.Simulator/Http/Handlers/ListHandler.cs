using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tables;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Http.Handlers;

/// <summary>GET a collection: a <c>{Kind}List</c> (a Table when the client asks, as kubectl get does), or a watch stream when <c>watch</c> is set.</summary>
internal sealed class ListHandler(FakeObjectStore store, WatchSession watch, TimeProvider clock)
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
        if (TableRequest.From(context.Request) is { } table)
        {
            return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, writer => TableWriter.Write(
                writer, table, TablePrinters.For(route.Resource), items, resourceVersion, clock.GetUtcNow()));
        }
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
