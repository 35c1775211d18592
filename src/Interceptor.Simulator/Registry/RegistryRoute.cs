namespace Interceptor.Simulator.Registry;

/// <summary>What a <c>/v2/...</c> path addresses. Names are validated; references are parsed by each endpoint.</summary>
internal abstract record RegistryRoute;

/// <summary><c>/v2/</c>: the version check.</summary>
internal sealed record BaseRoute : RegistryRoute;

/// <summary><c>/v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>.</summary>
internal sealed record BlobRoute(string Name, string Digest) : RegistryRoute;

/// <summary><c>/v2/&lt;name&gt;/blobs/uploads/</c> (<paramref name="Id"/> null) or <c>.../uploads/&lt;id&gt;</c>.</summary>
internal sealed record UploadRoute(string Name, string? Id) : RegistryRoute;

/// <summary><c>/v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>.</summary>
internal sealed record ManifestRoute(string Name, string Reference) : RegistryRoute;

/// <summary><c>/v2/&lt;name&gt;/tags/list</c>.</summary>
internal sealed record TagsRoute(string Name) : RegistryRoute;
