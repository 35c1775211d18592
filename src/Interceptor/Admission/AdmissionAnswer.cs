using System.Text.Json;

namespace Interceptor.Admission;

/// <summary>
/// The AdmissionReview answer, serialized up front and written with a Content-Length. Not <c>TypedResults.Bytes</c>:
/// that is a file result (range, ETag and Last-Modified handling, a log call) paid on every review for nothing.
/// </summary>
public sealed class AdmissionAnswer(AdmissionResponse response) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(AdmissionReview.For(response), AdmissionJsonContext.Default.AdmissionReview);
        var http = httpContext.Response;
        http.StatusCode = StatusCodes.Status200OK;
        http.ContentType = "application/json";
        // A streamed answer would go out chunked, which measurably costs more per review than holding a few hundred bytes.
        http.ContentLength = body.Length;
        return http.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
