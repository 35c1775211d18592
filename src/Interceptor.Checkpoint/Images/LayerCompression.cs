namespace Interceptor.Checkpoint.Images;

/// <summary>
/// How the checkpoint layer is compressed; <see cref="Zstd"/> by default, chosen by measurement
/// (bench/checkpoint-image, Images/README.md): zstd level 1 cuts compressible memory pages to about
/// 30 % at close to the speed of no compression, and costs little on incompressible pages (no
/// expansion), while gzip is several times slower and grows random data by about 5 %.
/// <see cref="None"/> is the fastest for incompressible memory on a fast link. CRI-O
/// (containers/image) and containerd 2.x read all three.
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
