using System.IO.Compression;
using System.Text;
using Interceptor.Checkpoint.Archive;
using Interceptor.Checkpoint.Tests.Support;
using Xunit;
using static Interceptor.Checkpoint.Tests.Support.TestArchives;

namespace Interceptor.Checkpoint.Tests.Archive;

/// <summary>
/// Damaged archives: cut short, blank checksums, garbage, data after the end. TarReader reports
/// some of these with a variety of exceptions and some not at all; all must come out as one rule.
/// </summary>
public sealed class DamagedArchiveTests
{
    private static readonly byte[] Whole = CheckpointTar();

    private static int HeaderOf(string name) => TarBytes.HeaderOffset(Whole, name);

    private static readonly Dictionary<string, (Func<byte[]> Archive, ArchiveRule Rule, string? Entry)> Cases = new()
    {
        ["A 0-byte stream is empty"] =
            (() => [], ArchiveRule.Empty, null),
        ["An archive holding only the end-of-archive marker is empty"] =
            (() => new byte[1024], ArchiveRule.Empty, null),
        ["A stream cut inside the first header is truncated"] =
            (() => TarBytes.Cut(Whole, 100), ArchiveRule.Truncated, null),
        ["A stream cut inside an entry's data is truncated at that entry"] =
            (() => TarBytes.Cut(Whole, HeaderOf("./checkpoint/pages-1.img") + TarBytes.Block + 4000), ArchiveRule.Truncated, "checkpoint/pages-1.img"),
        ["A stream cut inside an entry's padding is truncated after that entry"] =
            (() => TarBytes.Cut(Whole, HeaderOf("./checkpoint/pages-1.img") + TarBytes.Block + 10_100), ArchiveRule.Truncated, "./checkpoint/pages-1.img"),
        ["A stream cut at a block boundary between two entries is truncated after the first"] =
            (() => TarBytes.Cut(Whole, HeaderOf("./dump.log") - 2 * TarBytes.Block), ArchiveRule.Truncated, "./stats-dump"),
        ["A stream cut just before the end-of-archive marker is truncated"] =
            (() => TarBytes.Cut(Whole, TarBytes.EndMarkerOffset(Whole)), ArchiveRule.Truncated, "./dump.log"),
        ["A stream cut after the first of the two end blocks is truncated"] =
            (() => TarBytes.Cut(Whole, Whole.Length - TarBytes.Block), ArchiveRule.Truncated, "./dump.log"),
        ["A stream cut inside the second end block is truncated"] =
            (() => TarBytes.Cut(Whole, Whole.Length - 100), ArchiveRule.Truncated, "./dump.log"),
        ["A header with a blank checksum, which TarReader takes for the end, is corrupt"] =
            (() => TarBytes.BlankChecksum(Whole, HeaderOf("./rootfs-diff.tar")), ArchiveRule.Corrupt, "./rootfs-diff.tar"),
        ["Data after the end-of-archive marker is corrupt"] =
            (() => TarBytes.Append(Whole, Encoding.ASCII.GetBytes("trailing")), ArchiveRule.Corrupt, "./dump.log"),
        ["A second archive appended after the first is corrupt"] =
            (() => TarBytes.Append(Whole, Whole), ArchiveRule.Corrupt, "./dump.log"),
        ["Random bytes are corrupt"] =
            (() => RandomBytes(4096), ArchiveRule.Corrupt, null),
        ["A text file is corrupt"] =
            (() => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("not a tar archive\n", 100))), ArchiveRule.Corrupt, null),
        ["A gzip-compressed archive is corrupt: the reader takes plain tar only"] =
            (() => Gzip(Whole), ArchiveRule.Corrupt, null),
    };

    public static TheoryData<string> Sentences => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Sentences))]
    public async Task Rejects(string sentence)
    {
        var (archive, rule, entry) = Cases[sentence];

        await ArchiveAssert.RejectedAsync(archive(), rule, entry);
    }

    [Fact]
    public async Task Zero_padding_after_the_end_marker_is_accepted_as_tar_record_padding()
    {
        var padded = TarBytes.Append(Whole, new byte[10240 - Whole.Length % 10240]);

        var archive = await ArchiveAssert.ReadAsync(padded);

        Assert.Equal(padded.Length, archive.Sizes.ArchiveBytes);
    }

    [Fact]
    public async Task Zero_padding_after_the_end_marker_still_counts_toward_the_total_size_limit()
    {
        var padded = TarBytes.Append(Whole, new byte[64 * 1024]);
        var rules = new ArchiveRules { MaxTotalSize = Whole.Length + 1024 };

        await ArchiveAssert.RejectedAsync(padded, ArchiveRule.ArchiveTooLarge, "./dump.log", rules);
    }

    [Fact]
    public async Task A_GNU_long_name_header_declaring_64_MiB_is_refused_from_its_header_block()
    {
        // .NET 10.0's TarReader would allocate the declared size; the framing refuses it first.
        var gnu = Write([TestEntries.File(new string('n', 150))], System.Formats.Tar.TarEntryFormat.Gnu);
        var hostile = TarBytes.WithDeclaredSize(gnu, headerOffset: 0, size: 64L << 20);

        var error = await Assert.ThrowsAsync<CheckpointArchiveException>(() => ArchiveAssert.ReadAsync(hostile));

        Assert.Equal(ArchiveRule.ExtendedHeaderTooLarge, error.Rule);
        Assert.Contains("at byte 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_damage_escapes_the_error_taxonomy()
    {
        // Seeded mutations of a valid archive: byte flips in headers and data, cuts, or both.
        var random = new Random(20261122);
        var seen = new HashSet<ArchiveRule>();
        for (var i = 0; i < 400; i++)
        {
            var mutated = Mutate(Whole, random);
            try
            {
                await ArchiveAssert.ReadAsync(mutated);
            }
            catch (CheckpointArchiveException error)
            {
                // The only acceptable failure; any other exception type fails the test.
                seen.Add(error.Rule);
            }
        }

        // Guards against a vacuous run: the mutations must really reach the different failure paths.
        Assert.Superset(new HashSet<ArchiveRule> { ArchiveRule.Truncated, ArchiveRule.Corrupt, ArchiveRule.InvalidMetadata }, seen);
    }

    private static byte[] Mutate(byte[] archive, Random random)
    {
        var copy = (byte[])archive.Clone();
        for (var flips = random.Next(0, 6); flips > 0; flips--)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return random.Next(3) == 0 ? copy[..random.Next(copy.Length)] : copy;
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
