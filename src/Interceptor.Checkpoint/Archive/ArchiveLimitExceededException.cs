namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Thrown from inside TarReader's reads when the stream passes <see cref="ArchiveRules.MaxTotalSize"/>;
/// an IOException so TarReader lets it through untouched. Translated to <see cref="ArchiveRule.ArchiveTooLarge"/>.
/// </summary>
internal sealed class ArchiveLimitExceededException(long limit)
    : IOException($"the archive stream is longer than {limit} bytes")
{
    public long Limit { get; } = limit;
}
