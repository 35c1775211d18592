using System.Text.Json;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Http;
using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Discovery;

/// <summary>Serves the discovery documents; unknown groups and versions answer 404 like a real server.</summary>
internal sealed class DiscoveryHandler(ResourceRegistry registry)
{
    public Task HandleAsync(HttpContext context, DiscoveryRoute route)
    {
        if (route.Document == DiscoveryDocument.OpenApiV2)
        {
            return OpenApiV2.WriteAsync(context);
        }
        Action<Utf8JsonWriter> write = route.Document switch
        {
            DiscoveryDocument.Version => VersionInfo.Write,
            DiscoveryDocument.CoreVersions => w => ResourceDiscovery.WriteCoreVersions(w, context.Request.Host.Value ?? ""),
            DiscoveryDocument.GroupList => w => ResourceDiscovery.WriteGroupList(w, registry),
            DiscoveryDocument.Group when ResourceDiscovery.HasGroup(registry, route.Group) =>
                w => ResourceDiscovery.WriteGroup(w, registry, route.Group),
            DiscoveryDocument.ResourceList when ResourceDiscovery.HasGroupVersion(registry, route.Group, route.Version) =>
                w => ResourceDiscovery.WriteResourceList(w, registry, route.Group, route.Version),
            _ => throw StatusErrors.UnknownPath(),
        };
        return context.Request.Method == HttpMethods.Get
            ? JsonResponses.WriteAsync(context, StatusCodes.Status200OK, write)
            : throw new ApiStatusException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
    }
}
