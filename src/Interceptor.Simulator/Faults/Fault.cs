namespace Interceptor.Simulator.Faults;

/// <summary>What an injected fault does to a request. Build one with the static factories.</summary>
public abstract record Fault
{
    /// <summary>Answer with <paramref name="code"/> and a Kubernetes Status body instead of handling the request.</summary>
    /// <param name="message">Status message; defaults to the text the real server uses for that code.</param>
    /// <param name="reason">Status reason; defaults to the one the real server uses for that code.</param>
    public static Fault Status(int code, string? message = null, string? reason = null) =>
        new StatusFault(code, message, reason);

    /// <summary>Wait <paramref name="duration"/> (on the server's clock), then handle the request normally.</summary>
    public static Fault Delay(TimeSpan duration) => new DelayFault(duration);

    /// <summary>Never answer; the request ends only when the client gives up or the server stops.</summary>
    public static Fault Hang { get; } = new HangFault();
}

public sealed record StatusFault(int Code, string? Message, string? Reason) : Fault;

public sealed record DelayFault(TimeSpan Duration) : Fault;

public sealed record HangFault : Fault;
