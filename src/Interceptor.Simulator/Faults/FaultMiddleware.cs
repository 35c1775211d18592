using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Http;
using Interceptor.Simulator.Recording;

namespace Interceptor.Simulator.Faults;

/// <summary>Applies the first matching fault before the API sees the request.</summary>
internal sealed class FaultMiddleware(FaultInjector faults, TimeProvider clock, CancellationToken stopping)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        switch (faults.Match(RecordingMiddleware.Of(context)))
        {
            case StatusFault status:
                await JsonResponses.WriteStatusAsync(context, ToStatus(status));
                return;
            case DelayFault delay:
                await Task.Delay(delay.Duration, clock, context.RequestAborted);
                break;
            case HangFault:
                await HangAsync(context);
                return;
        }
        await next(context);
    }

    private static ApiStatusException ToStatus(StatusFault fault)
    {
        var generic = StatusErrors.Generic(fault.Code);
        return new ApiStatusException(fault.Code, fault.Reason ?? generic.Reason, fault.Message ?? generic.Message);
    }

    /// <summary>Holds the request open until the client disconnects or the server shuts down, then drops the connection.</summary>
    private async Task HangAsync(HttpContext context)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, clock, either.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    }
}
