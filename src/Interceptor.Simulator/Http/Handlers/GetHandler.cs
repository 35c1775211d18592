using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tables;

namespace Interceptor.Simulator.Http.Handlers;

/// <summary>GET one object (also for <c>/status</c>, which returns the whole object, as the real server does).</summary>
internal sealed class GetHandler(FakeObjectStore store, TimeProvider clock)
{
    public Task HandleAsync(HttpContext context, ResourceRoute route)
    {
        var obj = store.TryGet(route.Resource, route.Namespace, route.Name!)
            ?? throw StatusErrors.NotFound(route.Resource, route.Name!);
        if (TableRequest.From(context.Request) is { } table)
        {
            // kubectl get pod NAME: a one-row Table, with the object's own resourceVersion.
            var version = long.TryParse(obj["metadata"]?["resourceVersion"]?.GetValue<string>(), out var rv) ? rv : (long?)null;
            return JsonResponses.WriteAsync(context, StatusCodes.Status200OK, writer => TableWriter.Write(
                writer, table, TablePrinters.For(route.Resource), [obj], version, clock.GetUtcNow()));
        }
        return JsonResponses.WriteObjectAsync(context, StatusCodes.Status200OK, obj);
    }
}
