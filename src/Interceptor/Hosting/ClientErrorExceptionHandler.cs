using Interceptor.Admission;
using Microsoft.AspNetCore.Diagnostics;

namespace Interceptor.Hosting;

/// <summary>
/// The exception handler's answer to a client's broken request that surfaced outside the admission edge (which
/// refuses its own): the 4xx the failure means, as a problem description, logged at Warning without a stack. Since
/// .NET 10 a handled exception is not also logged at Error by the middleware. Anything else is left to the default
/// handling: a 500, logged at Error, because then the fault is ours.
/// </summary>
public sealed class ClientErrorExceptionHandler(IProblemDetailsService problems, ILogger<ClientErrorExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (ClientRequestErrors.StatusOf(exception) is not { } status)
        {
            return false;
        }

        logger.LogWarning("{Method} {Path} refused with {StatusCode}, the client's request was broken: {Error}",
            context.Request.Method, context.Request.Path.Value, status, exception.Message);
        context.Response.StatusCode = status;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = "Bad request", Detail = exception.Message },
        }).ConfigureAwait(false);
        return true;
    }
}
