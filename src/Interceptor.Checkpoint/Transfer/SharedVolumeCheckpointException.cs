namespace Interceptor.Checkpoint.Transfer;

/// <summary>
/// A shared-volume checkpoint that must not be restored. The message reads
/// <c>Shared-volume checkpoint ns/uid/ctr/attempt-1/checkpoint.tar refused (Failure): detail</c>.
/// </summary>
public sealed class SharedVolumeCheckpointException(SharedVolumeFailure failure, string reference, string detail)
    : Exception($"Shared-volume checkpoint {reference} refused ({failure}): {detail}")
{
    public SharedVolumeFailure Failure { get; } = failure;

    public string Reference { get; } = reference;

    public string Detail { get; } = detail;
}
