using System.Formats.Tar;
using static Interceptor.Checkpoint.Tests.Support.TestEntries;

namespace Interceptor.Checkpoint.Tests.Support;

/// <summary>
/// Synthetic checkpoint archives with modifiers, in the style of cert-manager's test builders:
/// <c>TestArchives.CheckpointTar(With(File("x")), Without("spec.dump"))</c>. The base is a CRI-O
/// kubelet checkpoint built around the real checkpointctl fixtures.
/// </summary>
internal static class TestArchives
{
    /// <summary>The workload's changes as CRI-O writes them: a nested tar of ordinary files, a directory and a relative link.</summary>
    public static readonly byte[] RootfsDiff = Write(
    [
        Directory("etc/"),
        File("etc/app.conf", "level=debug\n"),
        Symlink("etc/app.current", "app.conf"),
        Directory("var/"),
        Directory("var/lib/"),
        File("var/lib/state.db", 4096),
    ]);

    public static List<TestEntry> CriOEntries() =>
    [
        Directory("./"),
        File("./config.dump", Fixtures.Read(Fixtures.CriOConfig)),
        File("./spec.dump", Fixtures.Read(Fixtures.CriOSpec)),
        Directory("./checkpoint/"),
        File("./checkpoint/inventory.img", 64),
        File("./checkpoint/pages-1.img", 10_000),
        File("./checkpoint/pagemap-1.img", 300),
        File("./checkpoint/descriptors.json", "[]"),
        File("./rootfs-diff.tar", RootfsDiff),
        File("./bind.mounts", """[{"source":"/var/lib/kubelet/pods/u/etc-hosts","destination":"/etc/hosts","file_type":"file","permissions":420}]"""),
        File("./stats-dump", 32),
        File("./dump.log", "dump ok"),
    ];

    public static byte[] CheckpointTar(params Action<List<TestEntry>>[] modifiers)
    {
        var entries = CriOEntries();
        foreach (var modify in modifiers)
        {
            modify(entries);
        }

        return Write(entries);
    }

    public static byte[] Write(IEnumerable<TestEntry> entries, TarEntryFormat format = TarEntryFormat.Pax)
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, format, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry.Create());
            }
        }

        return output.ToArray();
    }

    public static Action<List<TestEntry>> With(params TestEntry[] entries) => list => list.AddRange(entries);

    public static Action<List<TestEntry>> First(params TestEntry[] entries) => list => list.InsertRange(0, entries);

    /// <summary>Removes the entry whose name, without a leading "./", is <paramref name="name"/>.</summary>
    public static Action<List<TestEntry>> Without(string name) =>
        list => list.RemoveAll(e => e.Name.TrimStart('.', '/') == name.TrimStart('.', '/'));

    /// <summary>Removes <paramref name="directory"/> and everything under it.</summary>
    public static Action<List<TestEntry>> WithoutTree(string directory) =>
        list => list.RemoveAll(e => e.Name.TrimStart('.', '/').StartsWith(directory, StringComparison.Ordinal));

    /// <summary>The base checkpoint whose rootfs-diff.tar holds these entries instead.</summary>
    public static Action<List<TestEntry>> WithRootfsDiff(params TestEntry[] entries) =>
        Replacing("rootfs-diff.tar", File("./rootfs-diff.tar", Write(entries)));

    public static Action<List<TestEntry>> Replacing(string name, TestEntry replacement) =>
        list => list[list.FindIndex(e => e.Name.TrimStart('.', '/') == name)] = replacement;
}
