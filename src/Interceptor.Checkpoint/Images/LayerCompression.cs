namespace Interceptor.Checkpoint.Images;

/// <summary>
/// How the checkpoint layer is compressed. Measured on loopback (bench/checkpoint-image) the
/// uncompressed layer is the fastest to push, so <see cref="None"/> is the default; compression pays
/// off only when the link to the registry is slower than the compressor (zstd is several times faster
/// than gzip at a similar ratio on memory pages). CRI-O (containers/storage) and containerd read all three.
/// </summary>
public enum LayerCompression
{
    /// <summary>The archive bytes are the layer, unchanged (<c>...layer.v1.tar</c>).</summary>
    None,

    /// <summary>gzip at the fastest level (<c>...layer.v1.tar+gzip</c>), readable by every runtime and tool.</summary>
    Gzip,

    /// <summary>zstd level 1 (<c>...layer.v1.tar+zstd</c>).</summary>
    Zstd,
}
