using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tables;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Http.Handlers;

/// <summary>
/// GET a collection: a <c>{Kind}List</c> (a Table when the client asks, as kubectl get does), or a watch stream when
/// <c>watch</c> is set. Lists honour <c>limit</c> and <c>continue</c>, so clients that page really get pages.
/// </summary>
internal sealed class ListHandler(FakeObjectStore store, WatchSession watch, TimeProvider clock)
{
    private readonly ListContinuations _continuations = new();

    public Task HandleAsync(HttpContext context, ResourceRoute route)
    {
        var query = ListQuery.From(context.Request.Query);
        var filter = query.Filter(route.Resource, route.Namespace);
        var table = TableRequest.From(context.Request);
        if (query.Watch)
        {
            // kubectl get -w: every event's object is a one-row Table, column definitions included each time
            // (kubectl prints the header once, while the columns stay the same).
            return watch.RunAsync(context, route.Resource, filter, query, table is null ? null : (writer, e) => TableWriter.Write(
                writer, table, TablePrinters.For(route.Resource), [e.Object], e.ResourceVersion, clock.GetUtcNow()));
        }
        var (items, resourceVersion, next) = _continuations.Page(query, () => store.ListShared(route.Resource, filter));
        if (table is not null)
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
            if (next is not null)
            {
                writer.WriteString("continue", next);
            }

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
