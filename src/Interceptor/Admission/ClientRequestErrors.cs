using Microsoft.AspNetCore.Connections;

namespace Interceptor.Admission;

/// <summary>
/// Tells a client's broken request from our own failure, in one place. Kestrel reports broken framing (a body
/// shorter than its Content-Length, bad chunking) and a body slower than its minimum data rate by throwing
/// <see cref="BadHttpRequestException"/> from the body read, carrying the status it means (400, 408, 413). These are
/// the client's mistakes: a 4xx and a Warning at most, never a 500 with a stack at Error.
/// </summary>
public static class ClientRequestErrors
{
    /// <returns>The 4xx for an exception only a client can cause, wherever it surfaces; null for anything else.</returns>
    public static int? StatusOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        // The client reset the connection: nobody reads the answer, but it is theirs, not ours.
        ConnectionResetException => StatusCodes.Status400BadRequest,
        _ => null,
    };

    /// <returns>
    /// The same for an exception thrown by reading the request body, where any I/O failure is the client's
    /// connection breaking; null for anything else.
    /// </returns>
    public static int? StatusOfBodyRead(Exception exception) =>
        StatusOf(exception) ?? (exception is IOException ? StatusCodes.Status400BadRequest : null);
}
