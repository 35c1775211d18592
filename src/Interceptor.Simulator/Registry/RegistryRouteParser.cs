namespace Interceptor.Simulator.Registry;

/// <summary>
/// Parses <c>/v2/...</c> paths. A name may itself contain "blobs" or "manifests" segments (<c>a/blobs/b</c> is a
/// valid name), so the endpoint is recognised from the END of the path, where the grammar is unambiguous: the
/// reference, digest and upload id never contain '/'.
/// </summary>
internal static class RegistryRouteParser
{
    public static RegistryRoute Parse(string path)
    {
        if (path is "/v2" or "/v2/")
        {
            return new BaseRoute();
        }

        if (!path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            throw RegistryErrors.Unsupported(404, $"{path} is not a registry API path");
        }

        var segments = path[4..].Split('/');
        return segments switch
        {
            [.. var name, "tags", "list"] => new TagsRoute(NameOf(name)),
            [.. var name, "manifests", var reference] => new ManifestRoute(NameOf(name), reference),
            [.. var name, "blobs", "uploads", var id] => new UploadRoute(NameOf(name), id.Length == 0 ? null : id),
            // Without the trailing slash: distribution routes this too, and "uploads" could never be a digest.
            [.. var name, "blobs", "uploads"] => new UploadRoute(NameOf(name), null),
            [.. var name, "blobs", var digest] => new BlobRoute(NameOf(name), digest),
            _ => throw RegistryErrors.Unsupported(404, $"{path} is not a registry API path"),
        };
    }

    private static string NameOf(string[] segments)
    {
        var name = string.Join('/', segments);
        return RegistryNames.IsValidName(name) ? name : throw RegistryErrors.NameInvalid(name);
    }
}
