using System.Collections.Concurrent;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// An <see cref="ICheckpointImageSource"/> of archives on disk: each image reference maps to a checkpoint archive
/// file, read when a pod using that image starts. Thread-safe.
/// </summary>
public sealed class LocalCheckpointImages : ICheckpointImageSource
{
    private readonly ConcurrentDictionary<string, string> _archives = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="imageReference"/> a checkpoint image holding the archive at <paramref name="archivePath"/>.</summary>
    public void Add(string imageReference, string archivePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(imageReference);
        ArgumentException.ThrowIfNullOrEmpty(archivePath);
        _archives[imageReference] = archivePath;
    }

    public Task<Stream?> OpenAsync(string imageReference, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(_archives.TryGetValue(imageReference, out var path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true)
            : null);
}
