using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Registry;

/// <summary>
/// Every error the registry answers, with the status and code the OCI distribution spec (and, for TAG_INVALID
/// and the 416 of a chunk, the Docker Registry HTTP API V2 it derives from) gives it. One home, so a code's
/// status cannot differ between endpoints.
/// </summary>
internal static class RegistryErrors
{
    public static RegistryException BlobUnknown(Digest digest) =>
        new(404, "BLOB_UNKNOWN", "blob unknown to registry", Detail("digest", digest.ToString()));

    public static RegistryException UploadUnknown(string id) =>
        new(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry", Detail("uuid", id));

    public static RegistryException UploadInvalid(string why) =>
        new(400, "BLOB_UPLOAD_INVALID", "blob upload invalid", Detail("reason", why));

    /// <summary>A chunk that does not start where the upload ends: the spec's 416, with where it does end.</summary>
    public static RegistryException ChunkOutOfOrder(long expected, long got, IReadOnlyDictionary<string, string> state) =>
        new(416, "BLOB_UPLOAD_INVALID", "chunk out of order", new JsonObject { ["expectedStart"] = expected, ["start"] = got })
        {
            Headers = state,
        };

    public static RegistryException DigestInvalid(string why) =>
        new(400, "DIGEST_INVALID", "provided digest did not match uploaded content", Detail("reason", why));

    /// <summary>Names every missing descriptor at once, so a client learns all it has to push in one answer.</summary>
    public static RegistryException ManifestBlobUnknown(IEnumerable<Digest> missing) =>
        new(400, "MANIFEST_BLOB_UNKNOWN", "manifest references a manifest or blob unknown to registry",
            new JsonObject { ["digests"] = new JsonArray([.. missing.Select(d => (JsonNode)d.ToString())]) });

    public static RegistryException ManifestInvalid(string why) =>
        new(400, "MANIFEST_INVALID", "manifest invalid", Detail("reason", why));

    public static RegistryException ManifestUnknown(string reference) =>
        new(404, "MANIFEST_UNKNOWN", "manifest unknown to registry", Detail("reference", reference));

    public static RegistryException ManifestTooLarge(long limit) =>
        new(413, "SIZE_INVALID", "manifest larger than the registry accepts", new JsonObject { ["limit"] = limit });

    public static RegistryException NameInvalid(string name) =>
        new(400, "NAME_INVALID", "invalid repository name", Detail("name", name));

    public static RegistryException NameUnknown(string name) =>
        new(404, "NAME_UNKNOWN", "repository name not known to registry", Detail("name", name));

    public static RegistryException SizeInvalid(string why) =>
        new(400, "SIZE_INVALID", "provided length did not match content length", Detail("reason", why));

    public static RegistryException TagInvalid(string tag) =>
        new(400, "TAG_INVALID", "manifest tag did not match the tag grammar", Detail("tag", tag));

    /// <summary>A path outside the API (404) or a method an endpoint does not take (405).</summary>
    public static RegistryException Unsupported(int status, string why) =>
        new(status, "UNSUPPORTED", "the operation is unsupported", Detail("reason", why));

    private static JsonObject Detail(string key, string value) => new() { [key] = value };
}
