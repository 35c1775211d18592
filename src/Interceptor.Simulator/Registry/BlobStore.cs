namespace Interceptor.Simulator.Registry;

/// <summary>
/// Blobs on disk, content-addressed (<c>blobs/&lt;algorithm&gt;/&lt;encoded&gt;</c>), plus which repositories
/// hold each one: a blob is shared on disk but visible only in the repositories it was pushed or mounted into,
/// as on a real registry, so a manifest can only reference blobs its own repository has.
/// </summary>
internal sealed class BlobStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<Digest>> _links = new(StringComparer.Ordinal);
    private readonly string _root;

    public BlobStore(string root)
    {
        _root = root;
        Directory.CreateDirectory(Path.Combine(root, "blobs"));
    }

    public bool Contains(string repository, Digest digest)
    {
        lock (_gate)
        {
            return _links.TryGetValue(repository, out var digests) && digests.Contains(digest);
        }
    }

    /// <summary>Whether any repository holds the blob (a mount without <c>from</c> may take it from anywhere).</summary>
    public bool ContainsAnywhere(Digest digest)
    {
        lock (_gate)
        {
            return _links.Values.Any(digests => digests.Contains(digest));
        }
    }

    public bool HasRepository(string repository)
    {
        lock (_gate)
        {
            return _links.TryGetValue(repository, out var digests) && digests.Count > 0;
        }
    }

    /// <summary>The blob's file, or BLOB_UNKNOWN when this repository does not hold it.</summary>
    public FileInfo Open(string repository, Digest digest)
    {
        lock (_gate)
        {
            var file = new FileInfo(PathOf(digest));
            return Contains(repository, digest) && file.Exists ? file : throw RegistryErrors.BlobUnknown(digest);
        }
    }

    /// <summary>
    /// Moves a verified upload into place and links it into <paramref name="repository"/>. The same content may
    /// already be there (another repository pushed it): the new copy is then dropped, digests being equal.
    /// </summary>
    public void Commit(string repository, Digest digest, string uploadedFile)
    {
        lock (_gate)
        {
            var path = PathOf(digest);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (File.Exists(path))
            {
                File.Delete(uploadedFile);
            }
            else
            {
                File.Move(uploadedFile, path);
            }

            Link(repository, digest);
        }
    }

    /// <summary>Cross-repository mount: link a blob <paramref name="from"/> holds (any repository when null).</summary>
    public bool TryMount(string repository, Digest digest, string? from)
    {
        lock (_gate)
        {
            var found = from is null ? ContainsAnywhere(digest) : Contains(from, digest);
            if (found)
            {
                Link(repository, digest);
            }

            return found;
        }
    }

    /// <summary>
    /// Unlinks the blob from the repository; the file goes when no repository holds it any more. A GET already
    /// streaming it keeps its open handle (POSIX unlink semantics).
    /// </summary>
    public void Delete(string repository, Digest digest)
    {
        lock (_gate)
        {
            if (!_links.TryGetValue(repository, out var digests) || !digests.Remove(digest))
            {
                throw RegistryErrors.BlobUnknown(digest);
            }

            if (!ContainsAnywhere(digest))
            {
                File.Delete(PathOf(digest));
            }
        }
    }

    private void Link(string repository, Digest digest)
    {
        if (!_links.TryGetValue(repository, out var digests))
        {
            _links[repository] = digests = [];
        }

        digests.Add(digest);
    }

    private string PathOf(Digest digest) => Path.Combine(_root, "blobs", digest.Algorithm, digest.Encoded);
}
