using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Http;

/// <summary>What a URL path addresses.</summary>
internal abstract record ApiRoute;

/// <summary>A discovery document: <c>/version</c>, <c>/api</c>, <c>/apis</c>, <c>/apis/{g}</c>, <c>/api/v1</c>, <c>/apis/{g}/{v}</c>.</summary>
internal sealed record DiscoveryRoute(DiscoveryDocument Document, string Group = "", string Version = "") : ApiRoute;

internal enum DiscoveryDocument
{
    Version,
    CoreVersions,
    GroupList,
    Group,
    ResourceList,

    /// <summary><c>/openapi/v2</c>: an empty document (see <see cref="Discovery.OpenApiV2"/>).</summary>
    OpenApiV2,
}

/// <summary>
/// A resource URL. <see cref="Name"/> is null for collections; <see cref="Namespace"/> is null for
/// cluster-scoped resources and for the all-namespaces list.
/// </summary>
internal sealed record ResourceRoute(ResourceType Resource, string? Namespace, string? Name, string? Subresource)
    : ApiRoute;
