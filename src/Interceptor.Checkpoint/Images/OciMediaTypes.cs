namespace Interceptor.Checkpoint.Images;

/// <summary>The OCI image-spec media types a checkpoint image uses (opencontainers/image-spec media-types.md).</summary>
public static class OciMediaTypes
{
    /// <summary>
    /// The manifest. It must be the OCI type, not Docker v2s2: CRI-O reads checkpoint annotations
    /// only from OCI manifests (internal/storage/image.go).
    /// </summary>
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";

    public const string ImageConfig = "application/vnd.oci.image.config.v1+json";

    public const string Layer = "application/vnd.oci.image.layer.v1.tar";

    public const string LayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    public const string LayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
}
