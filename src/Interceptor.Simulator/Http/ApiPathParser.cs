using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Http;

/// <summary>
/// Parses Kubernetes REST paths: <c>/api/v1/...</c> for core, <c>/apis/{group}/{version}/...</c> otherwise,
/// then <c>[namespaces/{ns}/]{plural}[/{name}[/{subresource}]]</c>.
/// </summary>
internal static class ApiPathParser
{
    public static ApiRoute Parse(string path, ResourceRegistry registry)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["version"] => new DiscoveryRoute(DiscoveryDocument.Version),
            ["openapi", "v2"] => new DiscoveryRoute(DiscoveryDocument.OpenApiV2),
            ["api"] => new DiscoveryRoute(DiscoveryDocument.CoreVersions),
            ["api", var version] => new DiscoveryRoute(DiscoveryDocument.ResourceList, "", version),
            ["api", var version, .. var rest] => ParseResource("", version, rest, registry),
            ["apis"] => new DiscoveryRoute(DiscoveryDocument.GroupList),
            ["apis", var group] => new DiscoveryRoute(DiscoveryDocument.Group, group),
            ["apis", var group, var version] => new DiscoveryRoute(DiscoveryDocument.ResourceList, group, version),
            ["apis", var group, var version, .. var rest] => ParseResource(group, version, rest, registry),
            _ => throw StatusErrors.UnknownPath(),
        };
    }

    private static ResourceRoute ParseResource(string group, string version, string[] rest, ResourceRegistry registry)
    {
        string? ns = null;
        // "namespaces/{name}/status" addresses the namespace itself; "namespaces/{ns}/{plural}..." a namespaced resource.
        if (rest is ["namespaces", _, _, ..] && rest is not ["namespaces", _, "status" or "finalize"])
        {
            ns = rest[1];
            rest = rest[2..];
        }
        var (plural, name, subresource) = rest switch
        {
            [var p] => (p, null, null),
            [var p, var n] => (p, n, (string?)null),
            [var p, var n, var s] => (p, n, s),
            _ => throw StatusErrors.UnknownPath(),
        };
        var resource = registry.Find(group, version, plural) ?? throw StatusErrors.UnknownPath();
        // A namespaced object needs its namespace; a cluster-scoped resource has none.
        if ((resource.Namespaced && ns is null && name is not null) || (!resource.Namespaced && ns is not null))
        {
            throw StatusErrors.UnknownPath();
        }
        return new ResourceRoute(resource, ns, name, subresource);
    }
}
