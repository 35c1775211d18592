namespace Interceptor.Simulator.Nodes.Images;

/// <summary>
/// An image reference as a pod spec names it, <c>host[:port]/repository@sha256:...</c> or
/// <c>host[:port]/repository[:tag]</c>, split into the parts a registry is asked with. Only references with an
/// explicit registry host parse: a short name (<c>busybox</c>) never names the simulator's registry.
/// </summary>
internal sealed record ImageReference(string Host, string Repository, string Reference, bool PinnedByDigest)
{
    private const string DefaultTag = "latest";

    public static ImageReference? Parse(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == image.Length - 1)
        {
            return null;
        }

        var host = image[..slash];
        var rest = image[(slash + 1)..];
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            // A digest pins the manifest; any tag before it (repo:tag@digest) is ignored, as the runtimes do.
            return new ImageReference(host, StripTag(rest[..at]), rest[(at + 1)..], PinnedByDigest: true);
        }

        var colon = rest.LastIndexOf(':');
        return colon > rest.LastIndexOf('/')
            ? new ImageReference(host, rest[..colon], rest[(colon + 1)..], PinnedByDigest: false)
            : new ImageReference(host, rest, DefaultTag, PinnedByDigest: false);
    }

    private static string StripTag(string repository)
    {
        var colon = repository.LastIndexOf(':');
        return colon > repository.LastIndexOf('/') ? repository[..colon] : repository;
    }
}
