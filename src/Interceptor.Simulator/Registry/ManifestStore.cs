namespace Interceptor.Simulator.Registry;

/// <summary>
/// Manifests per repository, by digest, and the tags pointing at them. Kept in memory: manifests are small
/// (the registry caps them, <see cref="EmbeddedRegistryOptions.MaxManifestBytes"/>), blobs are not and live on disk.
/// </summary>
internal sealed class ManifestStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Repository> _repositories = new(StringComparer.Ordinal);

    public bool HasRepository(string repository)
    {
        lock (_gate)
        {
            return _repositories.ContainsKey(repository);
        }
    }

    public bool Contains(string repository, Digest digest)
    {
        lock (_gate)
        {
            return _repositories.TryGetValue(repository, out var repo) && repo.Manifests.ContainsKey(digest);
        }
    }

    public void Put(string repository, string? tag, StoredManifest manifest)
    {
        lock (_gate)
        {
            if (!_repositories.TryGetValue(repository, out var repo))
            {
                _repositories[repository] = repo = new Repository();
            }

            repo.Manifests[manifest.Digest] = manifest;
            if (tag is not null)
            {
                repo.Tags[tag] = manifest.Digest;
            }
        }
    }

    /// <summary>The manifest a tag or digest names, or MANIFEST_UNKNOWN.</summary>
    public StoredManifest Get(string repository, ManifestReference reference)
    {
        lock (_gate)
        {
            return Find(repository, reference) ?? throw RegistryErrors.ManifestUnknown(reference.ToString());
        }
    }

    /// <summary>
    /// By digest: the manifest and every tag on it go. By tag: only the tag goes (distribution-spec 1.1 allows
    /// deleting a tag; the manifest stays reachable by digest).
    /// </summary>
    public void Delete(string repository, ManifestReference reference)
    {
        lock (_gate)
        {
            if (Find(repository, reference) is not { } manifest)
            {
                throw RegistryErrors.ManifestUnknown(reference.ToString());
            }

            var repo = _repositories[repository];
            if (reference.Tag is { } tag)
            {
                repo.Tags.Remove(tag);
                return;
            }

            repo.Manifests.Remove(manifest.Digest);
            foreach (var pointing in repo.Tags.Where(t => t.Value == manifest.Digest).Select(t => t.Key).ToList())
            {
                repo.Tags.Remove(pointing);
            }
        }
    }

    /// <summary>The repository's tags in ASCII order (Go's sort.Strings, as the spec asks), or null when it is unknown.</summary>
    public IReadOnlyList<string>? Tags(string repository)
    {
        lock (_gate)
        {
            return _repositories.TryGetValue(repository, out var repo) ? [.. repo.Tags.Keys.Order(StringComparer.Ordinal)] : null;
        }
    }

    private StoredManifest? Find(string repository, ManifestReference reference)
    {
        if (!_repositories.TryGetValue(repository, out var repo))
        {
            return null;
        }

        var digest = reference.Digest ?? (repo.Tags.TryGetValue(reference.Tag!, out var tagged) ? tagged : null);
        return digest is { } d && repo.Manifests.TryGetValue(d, out var manifest) ? manifest : null;
    }

    private sealed class Repository
    {
        public Dictionary<Digest, StoredManifest> Manifests { get; } = [];

        public Dictionary<string, Digest> Tags { get; } = new(StringComparer.Ordinal);
    }
}
