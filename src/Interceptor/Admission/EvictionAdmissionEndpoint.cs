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
    IValidator<AdmissionReview> reviewValidator,
    IValidator<(EvictionBody, AdmissionRequest)> bodyValidator,
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

        var response = await ReviewWithScopeAsync(evictionReview!, context.RequestAborted).ConfigureAwait(false);
        metrics.AdmissionDuration.WithLabels(response.Allowed ? "allow" : "deny").Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        // Serialized up front so the answer carries a Content-Length: a streamed JSON result goes out chunked, which
        // measurably costs more per review than the few hundred bytes it saves holding.
        return TypedResults.Bytes(JsonSerializer.SerializeToUtf8Bytes(AdmissionReview.For(response), AdmissionJsonContext.Default.AdmissionReview), "application/json");
    }

    private async Task<AdmissionResponse> ReviewWithScopeAsync(EvictionReview review, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["ReviewUid"] = review.ReviewUid,
            ["Namespace"] = review.Namespace,
            ["Pod"] = review.PodName,
            ["DryRun"] = review.DryRun,
            ["RequestedBy"] = review.RequestedBy,
        });
        return await handler.ReviewAsync(review, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates the review and its Eviction body, and reduces them to what the decision needs.</summary>
    private (EvictionReview? Review, IResult? Problem) Distill(AdmissionReview? review)
    {
        var result = review is null ? null : reviewValidator.Validate(review);
        if (result is not { IsValid: true })
        {
            return (null, Invalid(result?.Errors.Select(e => e.ErrorMessage) ?? ["the body is JSON null, not an AdmissionReview"]));
        }

        var request = review!.Request!;
        EvictionBody? body;
        try
        {
            body = request.Object!.Value.Deserialize(AdmissionJsonContext.Default.EvictionBody);
        }
        catch (JsonException e)
        {
            return (null, Invalid([$"request.object is not an Eviction: {e.Message}"]));
        }

        var bodyResult = bodyValidator.Validate((body!, request));
        if (!bodyResult.IsValid)
        {
            return (null, Invalid(bodyResult.Errors.Select(e => e.ErrorMessage)));
        }

        return (new EvictionReview(request.Uid!, request.Namespace!, request.Name!, request.DryRun == true || body!.IsDryRun,
            body!.DeleteOptions?.Preconditions?.Uid, request.UserInfo?.Username), null);
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

    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
