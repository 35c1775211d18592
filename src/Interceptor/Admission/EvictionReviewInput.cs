namespace Interceptor.Admission;

/// <summary>A pods/eviction review, flattened for <see cref="EvictionReviewValidator"/>; the object is the Eviction.</summary>
public sealed record EvictionReviewInput : AdmissionReviewInput<EvictionBody>
{
    public EvictionBody? Eviction => Object;

    public static EvictionReviewInput From(AdmissionReview<EvictionBody> review) => Project<EvictionReviewInput>(review);

    /// <summary>What the decision needs; call only on a valid input.</summary>
    public EvictionReview ToReview() => new(Uid!, Namespace!, Name!, DryRun || Eviction!.IsDryRun,
        Eviction!.DeleteOptions?.Preconditions?.Uid, Username);
}
