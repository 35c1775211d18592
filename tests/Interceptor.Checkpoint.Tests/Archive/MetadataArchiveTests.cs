using Interceptor.Checkpoint.Archive;
using Xunit;
using static Interceptor.Checkpoint.Tests.Support.TestArchives;
using static Interceptor.Checkpoint.Tests.Support.TestEntries;

namespace Interceptor.Checkpoint.Tests.Archive;

/// <summary>A well-formed archive is still refused when it is not a usable container checkpoint.</summary>
public sealed class MetadataArchiveTests
{
    private static readonly Dictionary<string, (Func<byte[]> Archive, ArchiveRule Rule, string Entry)> Cases = new()
    {
        ["An archive without config.dump is refused"] =
            (() => CheckpointTar(Without("config.dump")), ArchiveRule.MissingRequiredEntry, "config.dump"),
        ["An archive without spec.dump is refused"] =
            (() => CheckpointTar(Without("spec.dump")), ArchiveRule.MissingRequiredEntry, "spec.dump"),
        ["An archive without checkpoint/ and without any CRIU image is refused"] =
            (() => CheckpointTar(WithoutTree("checkpoint")), ArchiveRule.MissingRequiredEntry, "checkpoint/"),
        ["A config.dump that is a symbolic link is refused"] =
            (() => CheckpointTar(Replacing("config.dump", Symlink("config.dump", "dump.log"))), ArchiveRule.MissingRequiredEntry, "config.dump"),
        ["A checkpoint that is a regular file, with no images, is refused"] =
            (() => CheckpointTar(WithoutTree("checkpoint"), With(File("checkpoint"))), ArchiveRule.MissingRequiredEntry, "checkpoint/"),
        ["A config.dump that is not JSON is refused"] =
            (() => CheckpointTar(Replacing("config.dump", File("config.dump", "id=1"))), ArchiveRule.InvalidMetadata, "config.dump"),
        ["A config.dump without an id is refused"] =
            (() => CheckpointTar(Replacing("config.dump", File("config.dump", """{"name":"x"}"""))), ArchiveRule.InvalidMetadata, "config.dump"),
        ["A config.dump with a key given twice is refused"] =
            (() => CheckpointTar(Replacing("config.dump", File("config.dump", """{"id":"a","id":"b"}"""))), ArchiveRule.InvalidMetadata, "config.dump"),
        ["A config.dump with a time that is not a time is refused"] =
            (() => CheckpointTar(Replacing("config.dump", File("config.dump", """{"id":"a","checkpointedTime":"yesterday"}"""))), ArchiveRule.InvalidMetadata, "config.dump"),
        ["A spec.dump whose annotations name no engine is refused"] =
            (() => CheckpointTar(Replacing("spec.dump", File("spec.dump", """{"annotations":{"app":"web"}}"""))), ArchiveRule.InvalidMetadata, "spec.dump"),
        ["A checkpoint that names its container nowhere is refused"] =
            (() => CheckpointTar(
                Replacing("config.dump", File("config.dump", """{"id":"a","name":""}""")),
                Replacing("spec.dump", File("spec.dump", """{"annotations":{"io.container.manager":"cri-o"}}"""))), ArchiveRule.InvalidMetadata, "spec.dump"),
        ["A spec.dump whose annotation values are not strings is refused"] =
            (() => CheckpointTar(Replacing("spec.dump", File("spec.dump", """{"annotations":{"io.container.manager":1}}"""))), ArchiveRule.InvalidMetadata, "spec.dump"),
        ["A CRI-O spec.dump whose metadata annotation is not JSON is refused"] =
            (() => CheckpointTar(Replacing("spec.dump", File("spec.dump", """{"annotations":{"io.kubernetes.cri-o.Metadata":"{"}}"""))), ArchiveRule.InvalidMetadata, "spec.dump"),
        ["A spec.dump nested deeper than any real spec is refused"] =
            (() => CheckpointTar(Replacing("spec.dump", File("spec.dump", string.Concat(Enumerable.Repeat("{\"x\":", 100)) + "1" + new string('}', 100)))), ArchiveRule.InvalidMetadata, "spec.dump"),
        ["A bind.mounts that is not a list is refused"] =
            (() => CheckpointTar(Replacing("bind.mounts", File("bind.mounts", "{}"))), ArchiveRule.InvalidMetadata, "bind.mounts"),
        ["A bind.mounts item with an unknown file type is refused"] =
            (() => CheckpointTar(Replacing("bind.mounts", File("bind.mounts", """[{"destination":"/x","file_type":"socket"}]"""))), ArchiveRule.InvalidMetadata, "bind.mounts"),
    };

    public static TheoryData<string> Sentences => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Sentences))]
    public async Task Rejects(string sentence)
    {
        var (archive, rule, entry) = Cases[sentence];

        await ArchiveAssert.RejectedAsync(archive(), rule, entry);
    }
}
