namespace Interceptor.Simulator.Registry;

/// <summary>The distribution API's header names and the locations it hands out (relative: the spec allows it).</summary>
internal static class RegistryHeaders
{
    public const string ApiVersion = "Docker-Distribution-API-Version";
    public const string ApiVersionValue = "registry/2.0";
    public const string ContentDigest = "Docker-Content-Digest";
    public const string UploadUuid = "Docker-Upload-UUID";

    public static string BlobLocation(string name, Digest digest) => $"/v2/{name}/blobs/{digest}";

    public static string ManifestLocation(string name, Digest digest) => $"/v2/{name}/manifests/{digest}";

    public static string UploadLocation(UploadSession session) => $"/v2/{session.Repository}/blobs/uploads/{session.Id}";

    /// <summary>
    /// <c>Range: 0-&lt;last byte&gt;</c> of what an upload holds. Empty is "0-0", as the reference registry
    /// (distribution) answers, which every client already expects; the status GET tells the exact offset apart.
    /// </summary>
    public static string UploadRange(UploadSession session) => $"0-{Math.Max(0, session.Offset - 1)}";

    /// <summary>Where an upload stands: for 202s, the status GET and the 416 of an out-of-order chunk.</summary>
    public static Dictionary<string, string> UploadState(UploadSession session) => new()
    {
        ["Location"] = UploadLocation(session),
        ["Range"] = UploadRange(session),
        [UploadUuid] = session.Id,
    };
}
