using System.Formats.Tar;

namespace Interceptor.CheckpointImageBench;

/// <summary>
/// Writes a CRI-O-shaped checkpoint archive: the real checkpointctl config.dump and spec.dump, a
/// few small CRIU images, and one pages-1.img of the requested size, streamed to disk.
/// </summary>
internal static class ArchiveMaker
{
    public static void Write(string path, string fixturesDirectory, long pagesBytes, bool compressible, int seed)
    {
        using var file = File.Create(path);
        using var tar = new TarWriter(file, TarEntryFormat.Pax);
        tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "./"));
        Add(tar, "./config.dump", File.OpenRead(Path.Combine(fixturesDirectory, "crio-config.dump")));
        Add(tar, "./spec.dump", File.OpenRead(Path.Combine(fixturesDirectory, "crio-spec.dump")));
        tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "./checkpoint/"));
        Add(tar, "./checkpoint/inventory.img", new GeneratedPages(64, compressible: false, seed));
        Add(tar, "./checkpoint/pagemap-1.img", new GeneratedPages(4096, compressible: false, seed + 1));
        Add(tar, "./checkpoint/pages-1.img", new GeneratedPages(pagesBytes, compressible, seed + 2));
        Add(tar, "./rootfs-diff.tar", new GeneratedPages(10240, compressible: true, seed + 3));
        Add(tar, "./stats-dump", new GeneratedPages(32, compressible: false, seed + 4));
    }

    private static void Add(TarWriter tar, string name, Stream data)
    {
        using (data)
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = data });
        }
    }
}
