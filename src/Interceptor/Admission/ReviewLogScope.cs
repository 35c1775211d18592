using System.Collections;

namespace Interceptor.Admission;

/// <summary>
/// The log scope of one admission review: every line written while it is open carries the review UID, the pod and
/// who asked. A fixed five-property list read only when a line is actually written, instead of a dictionary built
/// for every review (most reviews write no line at all).
/// </summary>
public sealed class ReviewLogScope(EvictionReview review) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 5;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("ReviewUid", review.ReviewUid),
        1 => new("Namespace", review.Namespace),
        2 => new("Pod", review.PodName),
        3 => new("DryRun", review.DryRun),
        4 => new("RequestedBy", review.RequestedBy),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"ReviewUid:{review.ReviewUid} Pod:{review.Namespace}/{review.PodName}";
}
