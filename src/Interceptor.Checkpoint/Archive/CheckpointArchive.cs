namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// The result of reading a checkpoint archive that passed every rule: what it is of, what is in
/// it and how big it is. The archive's data itself is not kept.
/// </summary>
public sealed record CheckpointArchive
{
    public required CheckpointMetadata Metadata { get; init; }

    /// <summary>bind.mounts (CRI-O); empty when the archive has none.</summary>
    public required IReadOnlyList<BindMount> BindMounts { get; init; }

    /// <summary>Every entry in archive order, except the archive root directory ("./").</summary>
    public required IReadOnlyList<ArchiveEntry> Entries { get; init; }

    public required ArchiveSizes Sizes { get; init; }

    public int CriuImageCount => Sizes.CriuImageCount;

    /// <summary>The first bytes of the entry the reader was asked to keep (<see cref="EntryHead"/>); null when none was, or it is absent.</summary>
    public byte[]? KeptHead { get; init; }
}
