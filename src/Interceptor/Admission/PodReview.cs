namespace Interceptor.Admission;

/// <summary>
/// A pod about to be created, distilled from a validated AdmissionReview.
/// </summary>
/// <param name="ReviewUid">The AdmissionReview request UID, echoed in the response.</param>
/// <param name="Namespace">From <c>request.namespace</c>: the pod's own metadata.namespace is often empty on CREATE.</param>
/// <param name="PodName">For logs only: the name, or <c>generateName</c> followed by <c>*</c> when the API server names the pod after admission.</param>
/// <param name="DryRun">Only logged: the answer is the same, and there is no side effect either way.</param>
/// <param name="RequestedBy">The user from <c>request.userInfo</c>: a person, or a controller (ReplicaSet, StatefulSet, Job...).</param>
public sealed record PodReview(
    string ReviewUid,
    string Namespace,
    string PodName,
    bool DryRun,
    PodBody Pod,
    string? RequestedBy);
