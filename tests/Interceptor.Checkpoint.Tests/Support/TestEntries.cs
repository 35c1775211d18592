using System.Formats.Tar;
using System.Text;

namespace Interceptor.Checkpoint.Tests.Support;

/// <summary>One entry of a synthetic archive; a factory, because TarWriter consumes data streams.</summary>
internal sealed record TestEntry(string Name, Func<TarEntry> Create);

/// <summary>Entry builders for synthetic archives, all written by TarWriter (PAX unless said otherwise).</summary>
internal static class TestEntries
{
    public static TestEntry File(string name, byte[] data) =>
        new(name, () => new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });

    public static TestEntry File(string name, string text = "data") => File(name, Encoding.UTF8.GetBytes(text));

    public static TestEntry File(string name, int size) => File(name, Pattern(size));

    public static TestEntry Directory(string name) => new(name, () => new PaxTarEntry(TarEntryType.Directory, name));

    public static TestEntry Symlink(string name, string target) =>
        new(name, () => new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target });

    public static TestEntry HardLink(string name, string target) =>
        new(name, () => new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target });

    public static TestEntry Device(string name, TarEntryType type) =>
        new(name, () => new PaxTarEntry(type, name) { DeviceMajor = 1, DeviceMinor = 3 });

    public static TestEntry Fifo(string name) => new(name, () => new PaxTarEntry(TarEntryType.Fifo, name));

    public static TestEntry GnuSparse(string name) =>
        new(name, () => new PaxTarEntry(TarEntryType.RegularFile, name, new Dictionary<string, string>
        {
            ["GNU.sparse.major"] = "1",
            ["GNU.sparse.minor"] = "0",
            ["GNU.sparse.realsize"] = "1099511627776",
        })
        { DataStream = new MemoryStream(Encoding.ASCII.GetBytes("1\n0\n4\n\0")) });

    public static TestEntry GlobalHeader() =>
        new("(global)", () => new PaxGlobalExtendedAttributesTarEntry(new Dictionary<string, string> { ["comment"] = "x" }));

    /// <summary>Deterministic non-zero bytes, so a data block is never mistaken for an end marker.</summary>
    public static byte[] Pattern(int size) => Enumerable.Range(0, size).Select(i => (byte)(i % 251 + 1)).ToArray();
}
