using System.Diagnostics;
using FluentValidation;
using Interceptor.Diagnostics;

namespace Interceptor.Admission;

/// <summary>
/// The HTTP edge of the eviction webhook, thin and defensive: <see cref="AdmissionEdge"/> refuses what is not a
/// well-formed pods/eviction review (415, 413, 400), then <see cref="EvictionAdmissionHandler"/> decides.
/// </summary>
public sealed class EvictionAdmissionEndpoint(
    EvictionAdmissionHandler handler,
    IValidator<EvictionReviewInput> validator,
    AdmissionEdge edge,
    InterceptorMetrics metrics)
{
    public const string Path = "/validate/eviction";

    private static readonly BoundedBody.Parser<AdmissionReview?> Parse = AdmissionEdge.ParserFor(AdmissionJsonContext.Default.AdmissionReview);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var (input, problem) = await edge.ReadAsync(context, Parse, EvictionReviewInput.From, validator).ConfigureAwait(false);
        if (input is null)
        {
            return problem!;
        }

        var response = await handler.ReviewAsync(input.ToReview(), context.RequestAborted).ConfigureAwait(false);
        metrics.ObserveAdmissionDuration(response.Allowed, Stopwatch.GetElapsedTime(started));
        return new AdmissionAnswer(response);
    }
}
