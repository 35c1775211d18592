namespace Interceptor.Admission;

/// <summary>
/// What the caller asked, distilled from a validated AdmissionReview and its Eviction body.
/// </summary>
/// <param name="ReviewUid">The AdmissionReview request UID, echoed in the response.</param>
/// <param name="DryRun">True when either dry-run marker is set: <c>request.dryRun</c> or the body's <c>deleteOptions.dryRun</c>.</param>
/// <param name="PreconditionUid">The pod UID the caller expects (Karpenter and the imperative evictor send one).</param>
/// <param name="RequestedBy">The user from <c>request.userInfo</c>: tells kubectl, cluster-autoscaler and Karpenter apart.</param>
public sealed record EvictionReview(
    string ReviewUid,
    string Namespace,
    string PodName,
    bool DryRun,
    string? PreconditionUid,
    string? RequestedBy);
