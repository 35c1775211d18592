namespace Interceptor.Checkpoint.Transfer;

/// <summary>Why a checkpoint on the shared volume cannot be used. Each refusal carries exactly one.</summary>
public enum SharedVolumeFailure
{
    /// <summary>The reference is not the shape the publisher writes (it could name a file outside the volume).</summary>
    InvalidReference,

    /// <summary>No archive under the reference: never published, already deleted, or another volume is mounted.</summary>
    NotFound,

    /// <summary>The archive is there but its checksum file is not: the copy was not committed by a publisher.</summary>
    MissingChecksum,

    /// <summary>The checksum file does not hold one SHA-256 line for the archive.</summary>
    InvalidChecksum,

    /// <summary>The archive is shorter than the size recorded when it was published: a partial copy.</summary>
    Partial,

    /// <summary>The archive's bytes do not hash to its checksum file, or its size is not the recorded one: corrupted.</summary>
    ChecksumMismatch,

    /// <summary>The copy is intact but is not the one the migration recorded (another publication replaced it).</summary>
    DigestMismatch,
}
