using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using FluentValidation;
using Interceptor.Diagnostics;
using Interceptor.Options;
using Microsoft.Extensions.Options;

namespace Interceptor.Admission;

/// <summary>
/// The HTTP edge of the eviction webhook, thin and defensive: content type, body cap, JSON, validation, then
/// hand over to <see cref="EvictionAdmissionHandler"/>. Refusals are 415, 413 and 400 with a problem description;
/// nothing a request contains reaches the caller as an unhandled exception.
/// </summary>
public sealed class EvictionAdmissionEndpoint(
    EvictionAdmissionHandler handler,
    IValidator<EvictionReviewInput> validator,
    InterceptorMetrics metrics,
    IOptions<InterceptorOptions> options,
    ILogger<EvictionAdmissionEndpoint> logger)
{
    public const string Path = "/validate/eviction";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        if (!IsJson(context.Request.ContentType))
        {
            return Reject(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "an AdmissionReview must be sent as application/json");
        }

        AdmissionReview? review;
        bool tooLarge;
        try
        {
            (review, tooLarge) = await BoundedBody.ReadAsync(context.Request.BodyReader, context.Request.ContentLength,
                options.Value.Webhook.MaxRequestBodyBytes, ParseReview, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Reject(StatusCodes.Status400BadRequest, "Malformed AdmissionReview", $"the body is not a valid AdmissionReview: {e.Message}");
        }

        if (tooLarge)
        {
            return Reject(StatusCodes.Status413PayloadTooLarge, "AdmissionReview too large", $"the body exceeds {options.Value.Webhook.MaxRequestBodyBytes} bytes");
        }

        var (evictionReview, problem) = Distill(review);
        if (problem is not null)
        {
            return problem;
        }

        var response = await handler.ReviewAsync(evictionReview!, context.RequestAborted).ConfigureAwait(false);
        metrics.ObserveAdmissionDuration(response.Allowed, Stopwatch.GetElapsedTime(started));
        return new AdmissionAnswer(response);
    }

    /// <summary>Validates the review and its Eviction body, and reduces them to what the decision needs.</summary>
    private (EvictionReview? Review, IResult? Problem) Distill(AdmissionReview? review)
    {
        if (review is null)
        {
            return (null, Invalid(["the body is JSON null, not an AdmissionReview"]));
        }

        var input = EvictionReviewInput.From(review);
        var result = validator.Validate(input);
        return result.IsValid ? (input.ToReview(), null) : (null, Invalid(result.Errors.Select(e => e.ErrorMessage)));
    }

    private static AdmissionReview? ParseReview(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        return JsonSerializer.Deserialize(ref reader, AdmissionJsonContext.Default.AdmissionReview);
    }

    private IResult Invalid(IEnumerable<string> errors)
    {
        var list = errors.ToArray();
        return Reject(StatusCodes.Status400BadRequest, "Invalid AdmissionReview", string.Join("; ", list), list);
    }

    private IResult Reject(int status, string title, string detail, string[]? errors = null)
    {
        metrics.AdmissionRejected.WithLabels(status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        logger.LogWarning("Admission request refused with {StatusCode}: {Detail}", status, detail);
        var extensions = errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors };
        return TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }

    // The kube-apiserver always sends exactly "application/json": compare before paying for a media-type parse.
    private static bool IsJson(string? contentType) =>
        string.Equals(contentType, "application/json", StringComparison.Ordinal)
        || Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
