namespace Interceptor.Tests.Support;

/// <summary>
/// A directory laid out as the kubelet lays out a Secret volume (its AtomicWriter): the files live in a timestamped
/// directory such as <c>..2026_12_06_10_00_00.1</c>, <c>..data</c> links to it, and <c>tls.crt</c>/<c>tls.key</c>
/// are links through <c>..data</c>. <see cref="Publish"/> rotates the pair the same way: a new timestamped
/// directory, a <c>..data_tmp</c> link to it renamed over <c>..data</c> (one rename(2), so a reader sees the old
/// pair or the new one), then the old directory removed. The names the service opens never change.
/// </summary>
public sealed class SecretVolume : IDisposable
{
    public const string DataLink = "..data";
    private static readonly string[] Keys = ["tls.crt", "tls.key"];

    // Every published file gets this time: only the content tells one pair from the next, as it must for the reloader.
    private static readonly DateTime PinnedWriteTime = new(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc);

    private readonly string _source;
    private int _generation;

    /// <param name="source">A directory holding the pair to project (a <see cref="TestCertificates"/> directory).</param>
    public SecretVolume(string source)
    {
        _source = source;
        Directory = System.IO.Directory.CreateTempSubdirectory("interceptor-secret-").FullName;
        Publish();
        foreach (var key in Keys)
        {
            File.CreateSymbolicLink(Path.Combine(Directory, key), Path.Combine(DataLink, key));
        }
    }

    public string Directory { get; }

    /// <summary>The timestamped directory <c>..data</c> points at now.</summary>
    public string? DataTarget => new FileInfo(Path.Combine(Directory, DataLink)).LinkTarget;

    /// <summary>Copies the source's current pair into a new timestamped directory and swaps <c>..data</c> to it.</summary>
    public void Publish()
    {
        var previous = DataTarget;
        var name = $"..{DateTime.UtcNow:yyyy_MM_dd_HH_mm_ss}.{++_generation}";
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, name));
        foreach (var key in Keys)
        {
            var file = Path.Combine(Directory, name, key);
            File.Copy(Path.Combine(_source, key), file);
            File.SetLastWriteTimeUtc(file, PinnedWriteTime);
        }

        var temporary = Path.Combine(Directory, "..data_tmp");
        File.CreateSymbolicLink(temporary, name);
        PosixRename.Replace(temporary, Path.Combine(Directory, DataLink));
        if (previous is not null)
        {
            System.IO.Directory.Delete(Path.Combine(Directory, previous), recursive: true);
        }
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
