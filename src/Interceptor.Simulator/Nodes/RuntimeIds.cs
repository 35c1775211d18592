using System.Security.Cryptography;
using System.Text;

namespace Interceptor.Simulator.Nodes;

/// <summary>IDs as CRI-O reports them in a container status: <c>cri-o://</c> + 64 hex digits, and a digest-pinned image ID.</summary>
internal static class RuntimeIds
{
    public static string ContainerId() => "cri-o://" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The repository at a digest: the reference's own digest when pinned, else one derived from the reference.</summary>
    public static string ImageId(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            return image;
        }
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        var repository = colon > slash ? image[..colon] : image;
        return repository + "@sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(image)));
    }

    /// <summary>
    /// The image's local ID alone (<c>sha256:…</c>), as a runtime reports ImageRef for an image it holds without a repo
    /// digest (loaded or built on the node): the kubelet then publishes that as <c>imageID</c>.
    /// </summary>
    public static string BareId(string imageId)
    {
        var at = imageId.IndexOf('@', StringComparison.Ordinal);
        return at >= 0 ? imageId[(at + 1)..] : imageId;
    }
}
