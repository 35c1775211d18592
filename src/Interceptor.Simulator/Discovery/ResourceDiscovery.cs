using System.Text.Json;
using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Discovery;

/// <summary>
/// The legacy (unaggregated) discovery documents, derived from the registry. Clients that ask for
/// aggregated discovery get these too and fall back, as they do against older servers.
/// </summary>
internal static class ResourceDiscovery
{
    /// <summary>Verbs the server implements for every resource (no deletecollection yet).</summary>
    private static readonly string[] ResourceVerbs = ["create", "delete", "get", "list", "patch", "update", "watch"];
    private static readonly string[] StatusVerbs = ["get", "patch", "update"];

    /// <summary><c>/api</c>: APIVersions.</summary>
    public static void WriteCoreVersions(Utf8JsonWriter writer, string serverAddress)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "APIVersions");
        writer.WriteStartArray("versions");
        writer.WriteStringValue("v1");
        writer.WriteEndArray();
        writer.WriteStartArray("serverAddressByClientCIDRs");
        writer.WriteStartObject();
        writer.WriteString("clientCIDR", "0.0.0.0/0");
        writer.WriteString("serverAddress", serverAddress);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary><c>/apis</c>: APIGroupList of every non-core group.</summary>
    public static void WriteGroupList(Utf8JsonWriter writer, ResourceRegistry registry)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "APIGroupList");
        writer.WriteString("apiVersion", "v1");
        writer.WriteStartArray("groups");
        foreach (var group in registry.All.Where(r => !r.IsCore).GroupBy(r => r.Group))
        {
            WriteGroupBody(writer, group.Key, [.. group.Select(r => r.Version).Distinct()]);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static bool HasGroup(ResourceRegistry registry, string group) =>
        group.Length > 0 && registry.All.Any(r => r.Group == group);

    public static bool HasGroupVersion(ResourceRegistry registry, string group, string version) =>
        registry.All.Any(r => r.Group == group && r.Version == version);

    /// <summary><c>/apis/{group}</c>: APIGroup.</summary>
    public static void WriteGroup(Utf8JsonWriter writer, ResourceRegistry registry, string group)
    {
        var versions = registry.All.Where(r => r.Group == group).Select(r => r.Version).Distinct().ToList();
        WriteGroupBody(writer, group, versions, asDocument: true);
    }

    private static void WriteGroupBody(Utf8JsonWriter writer, string group, IReadOnlyList<string> versions, bool asDocument = false)
    {
        writer.WriteStartObject();
        if (asDocument)
        {
            writer.WriteString("kind", "APIGroup");
            writer.WriteString("apiVersion", "v1");
        }
        writer.WriteString("name", group);
        writer.WriteStartArray("versions");
        foreach (var version in versions)
        {
            WriteGroupVersion(writer, null, group, version);
        }
        writer.WriteEndArray();
        WriteGroupVersion(writer, "preferredVersion", group, versions[0]);
        writer.WriteEndObject();
    }

    private static void WriteGroupVersion(Utf8JsonWriter writer, string? property, string group, string version)
    {
        if (property is null)
        {
            writer.WriteStartObject();
        }
        else
        {
            writer.WriteStartObject(property);
        }
        writer.WriteString("groupVersion", $"{group}/{version}");
        writer.WriteString("version", version);
        writer.WriteEndObject();
    }

    /// <summary><c>/api/v1</c> or <c>/apis/{g}/{v}</c>: APIResourceList.</summary>
    public static void WriteResourceList(Utf8JsonWriter writer, ResourceRegistry registry, string group, string version)
    {
        var resources = registry.All.Where(r => r.Group == group && r.Version == version).ToList();
        writer.WriteStartObject();
        writer.WriteString("kind", "APIResourceList");
        writer.WriteString("apiVersion", "v1");
        writer.WriteString("groupVersion", resources[0].ApiVersion);
        writer.WriteStartArray("resources");
        foreach (var resource in resources)
        {
            WriteResource(writer, resource, resource.Plural, resource.Kind.ToLowerInvariant(), ResourceVerbs, resource.ShortNames, resource.Categories);
            if (resource.HasStatus)
            {
                WriteResource(writer, resource, resource.Plural + "/status", "", StatusVerbs, [], []);
            }
            foreach (var sub in resource.Subresources)
            {
                WriteSubresource(writer, resource, sub);
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteResource(
        Utf8JsonWriter writer,
        ResourceType resource,
        string name,
        string singular,
        string[] verbs,
        IReadOnlyList<string> shortNames,
        IReadOnlyList<string> categories)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("singularName", singular);
        writer.WriteBoolean("namespaced", resource.Namespaced);
        writer.WriteString("kind", resource.Kind);
        WriteVerbs(writer, verbs);
        WriteNames(writer, "shortNames", shortNames);
        WriteNames(writer, "categories", categories);
        writer.WriteEndObject();
    }

    /// <summary>A subresource whose kind lives in another group, e.g. pods/eviction as policy/v1 Eviction.</summary>
    private static void WriteSubresource(Utf8JsonWriter writer, ResourceType resource, ApiSubresource sub)
    {
        writer.WriteStartObject();
        writer.WriteString("name", $"{resource.Plural}/{sub.Name}");
        writer.WriteString("singularName", "");
        writer.WriteBoolean("namespaced", resource.Namespaced);
        writer.WriteString("group", sub.Group);
        writer.WriteString("version", sub.Version);
        writer.WriteString("kind", sub.Kind);
        WriteVerbs(writer, sub.Verbs);
        writer.WriteEndObject();
    }

    /// <summary>An optional string list, left out when empty as Go's omitempty does.</summary>
    private static void WriteNames(Utf8JsonWriter writer, string property, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return;
        }
        writer.WriteStartArray(property);
        foreach (var name in names)
        {
            writer.WriteStringValue(name);
        }
        writer.WriteEndArray();
    }

    private static void WriteVerbs(Utf8JsonWriter writer, IEnumerable<string> verbs)
    {
        writer.WriteStartArray("verbs");
        foreach (var verb in verbs)
        {
            writer.WriteStringValue(verb);
        }
        writer.WriteEndArray();
    }
}
