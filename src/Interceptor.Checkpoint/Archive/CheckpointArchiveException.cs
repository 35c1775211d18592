using System.Text;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// The one error the archive reader throws for anything wrong with the archive's bytes. The
/// message always names the rule and the entry. Failures of the source stream itself (network,
/// disk) and cancellation are not wrapped: they say nothing about the archive and may be retried.
/// </summary>
public sealed class CheckpointArchiveException : Exception
{
    // Names come from hostile input: cap what we keep and print so a 1 MiB name cannot flood logs.
    private const int MaxShownNameLength = 256;

    public CheckpointArchiveException(ArchiveRule rule, string? entryName, string detail, Exception? innerException = null)
        : base(Format(rule, entryName, detail), innerException)
    {
        Rule = rule;
        EntryName = entryName is null ? null : Shorten(entryName);
        Detail = detail;
    }

    /// <summary>The rule the archive broke.</summary>
    public ArchiveRule Rule { get; }

    /// <summary>
    /// The entry involved: as the archive wrote it for the name and type rules and for damage found
    /// between entries, normalised (no "./", no trailing '/') once its name has been accepted; the
    /// metadata file for <see cref="ArchiveRule.InvalidMetadata"/>; the missing name for
    /// <see cref="ArchiveRule.MissingRequiredEntry"/>; null when no entry is involved (an empty stream,
    /// damage before the first entry).
    /// </summary>
    public string? EntryName { get; }

    /// <summary>What was found, without the rule and entry prefix.</summary>
    public string Detail { get; }

    private static string Format(ArchiveRule rule, string? entryName, string detail)
    {
        var entry = entryName is null ? "no entry" : $"entry '{Printable(Shorten(entryName))}'";
        return $"Checkpoint archive rejected (rule {rule}, {entry}): {detail}";
    }

    private static string Shorten(string name) =>
        name.Length <= MaxShownNameLength ? name : name[..MaxShownNameLength] + "...";

    // Control characters in a name could forge log lines; show them as escapes.
    internal static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                builder.Append($"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
