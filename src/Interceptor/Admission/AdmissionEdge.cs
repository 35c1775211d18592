using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using Interceptor.Diagnostics;
using Interceptor.Options;
using Microsoft.Extensions.Options;

namespace Interceptor.Admission;

/// <summary>
/// The defensive part every admission endpoint shares: content type, body cap, JSON, validation. A request that
/// fails any of them is refused with 415, 413 or 400 and a problem description, counted and logged the same way
/// whichever endpoint it reached; nothing a request contains reaches the caller as an unhandled exception.
/// A broken transport (a lying Content-Length, broken chunking, a stalled or trickling body, a reset) surfaces from
/// the body read and is refused here too, with the 400 or 408 Kestrel gives it (<see cref="ClientRequestErrors"/>).
/// </summary>
public sealed class AdmissionEdge(InterceptorMetrics metrics, IOptions<InterceptorOptions> options, ILogger<AdmissionEdge> logger)
{
    /// <summary>A parser for <see cref="BoundedBody"/> reading one JSON value with the service's depth limit. Build it once per endpoint.</summary>
    public static BoundedBody.Parser<T?> ParserFor<T>(JsonTypeInfo<T> type) => body =>
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        return JsonSerializer.Deserialize(ref reader, type);
    };

    /// <summary>Reads, parses, projects and validates a review; exactly one of the two results is set.</summary>
    public async Task<(TInput? Input, IResult? Problem)> ReadAsync<TReview, TInput>(
        HttpContext context, BoundedBody.Parser<TReview?> parse, Func<TReview, TInput> project, IValidator<TInput> validator)
        where TReview : class
    {
        if (!IsJson(context.Request.ContentType))
        {
            return (default, Reject(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "an AdmissionReview must be sent as application/json"));
        }

        var (review, problem) = await ReadReviewAsync(context, parse).ConfigureAwait(false);
        if (problem is not null)
        {
            return (default, problem);
        }

        return review is null ? (default, Invalid(["the body is JSON null, not an AdmissionReview"])) : Validate(project(review), validator);
    }

    /// <summary>The body parsed, or the problem that refuses it: too large, not JSON, or not delivered whole.</summary>
    private async Task<(TReview? Review, IResult? Problem)> ReadReviewAsync<TReview>(HttpContext context, BoundedBody.Parser<TReview?> parse)
        where TReview : class
    {
        var maxBytes = options.Value.Webhook.MaxRequestBodyBytes;
        try
        {
            var (review, tooLarge) = await BoundedBody.ReadAsync(context.Request.BodyReader, context.Request.ContentLength, maxBytes, parse, context.RequestAborted)
                .ConfigureAwait(false);
            return tooLarge ? (default, Reject(StatusCodes.Status413PayloadTooLarge, "AdmissionReview too large", $"the body exceeds {maxBytes} bytes")) : (review, null);
        }
        catch (JsonException e)
        {
            return (default, Reject(StatusCodes.Status400BadRequest, "Malformed AdmissionReview", $"the body is not a valid AdmissionReview: {e.Message}"));
        }
        catch (Exception e) when (ClientRequestErrors.StatusOfBodyRead(e) is { } status)
        {
            return (default, Reject(status, "Request body not delivered", $"the request body could not be read: {e.Message}"));
        }
    }

    private (TInput? Input, IResult? Problem) Validate<TInput>(TInput input, IValidator<TInput> validator)
    {
        var result = validator.Validate(input);
        return result.IsValid ? (input, null) : (default, Invalid(result.Errors.Select(e => e.ErrorMessage)));
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
