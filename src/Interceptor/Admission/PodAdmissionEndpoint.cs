using FluentValidation;

namespace Interceptor.Admission;

/// <summary>
/// The HTTP edge of the pods CREATE mutating webhook, thin and defensive: <see cref="AdmissionEdge"/> refuses what
/// is not a well-formed pod review (415, 413, 400, exactly as for evictions), then <see cref="PodAdmissionHandler"/>
/// answers with the patch, if any.
/// </summary>
public sealed class PodAdmissionEndpoint(PodAdmissionHandler handler, IValidator<PodReviewInput> validator, AdmissionEdge edge)
{
    public const string Path = "/mutate/pod";

    private static readonly BoundedBody.Parser<PodAdmissionReview?> Parse = AdmissionEdge.ParserFor(AdmissionJsonContext.Default.PodAdmissionReview);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (input, problem) = await edge.ReadAsync(context, Parse, PodReviewInput.From, validator).ConfigureAwait(false);
        return input is null
            ? problem!
            : new AdmissionAnswer(await handler.ReviewAsync(input.ToReview(), context.RequestAborted).ConfigureAwait(false));
    }
}
