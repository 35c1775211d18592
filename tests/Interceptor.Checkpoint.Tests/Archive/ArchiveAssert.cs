using Interceptor.Checkpoint.Archive;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Archive;

internal static class ArchiveAssert
{
    public static Task<CheckpointArchive> ReadAsync(byte[] archive, ArchiveRules? rules = null) =>
        new CheckpointArchiveReader(rules).ReadAsync(new MemoryStream(archive));

    /// <summary>Reading must fail with exactly this rule and entry, and the message must name both.</summary>
    public static async Task<CheckpointArchiveException> RejectedAsync(byte[] archive, ArchiveRule rule, string? entryName, ArchiveRules? rules = null)
    {
        var error = await Assert.ThrowsAsync<CheckpointArchiveException>(() => ReadAsync(archive, rules));
        Assert.Equal((rule, entryName), (error.Rule, error.EntryName));
        Assert.Contains($"rule {rule}", error.Message, StringComparison.Ordinal);
        Assert.Contains(entryName is null ? "no entry" : $"entry '{Escaped(entryName)}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Message, char.IsControl);
        return error;
    }

    // Names come from hostile input; the message shows control characters as \uXXXX escapes.
    private static string Escaped(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
