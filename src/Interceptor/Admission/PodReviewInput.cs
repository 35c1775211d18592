namespace Interceptor.Admission;

/// <summary>A pods CREATE review, flattened for <see cref="PodReviewValidator"/>; the object is the Pod.</summary>
public sealed record PodReviewInput : AdmissionReviewInput<PodBody>
{
    public PodBody? Pod => Object;

    public static PodReviewInput From(AdmissionReview<PodBody> review) => Project<PodReviewInput>(review);

    /// <summary>What the decision needs; call only on a valid input.</summary>
    public PodReview ToReview() => new(Uid!, Namespace!, DisplayName(), DryRun, Pod!, Username);

    private string DisplayName() => string.IsNullOrEmpty(Name) ? (Pod!.Metadata?.GenerateName ?? "") + "*" : Name;
}
