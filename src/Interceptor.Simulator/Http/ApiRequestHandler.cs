using Interceptor.Simulator.Discovery;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Http;

/// <summary>
/// The terminal handler: parse the path, hand it to discovery or the resource dispatcher, and turn
/// every <see cref="ApiStatusException"/> into a Status response.
/// </summary>
internal sealed class ApiRequestHandler(FakeObjectStore store, ResourceDispatcher resources)
{
    private readonly DiscoveryHandler _discovery = new(store.Resources);

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var route = ApiPathParser.Parse(context.Request.Path.Value ?? "/", store.Resources);
            await (route switch
            {
                DiscoveryRoute discovery => _discovery.HandleAsync(context, discovery),
                ResourceRoute resource => resources.DispatchAsync(context, resource),
                _ => throw StatusErrors.UnknownPath(),
            });
        }
        catch (ApiStatusException error) when (!context.Response.HasStarted)
        {
            await JsonResponses.WriteStatusAsync(context, error);
        }
        catch (Exception bug) when (bug is not OperationCanceledException && !context.Response.HasStarted)
        {
            // A fake-server bug must look like the real server's internal error, not a dropped connection.
            await JsonResponses.WriteStatusAsync(context, new ApiStatusException(500, "InternalError",
                $"Internal error occurred: {bug.Message}", new StatusDetails()));
        }
    }
}
