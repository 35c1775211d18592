namespace Interceptor.Admission;

/// <summary>The review of a pods CREATE: <c>request.object</c> is the pod about to be stored.</summary>
public sealed record PodAdmissionReview : AdmissionReview<PodBody>;
