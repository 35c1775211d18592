using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Interceptor.Tests.Support;

/// <summary>Captures the service's Serilog events so tests can check what an operator would read.</summary>
public sealed class InMemoryLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public static string? Scalar(LogEvent e, string property) =>
        e.Properties.TryGetValue(property, out var value) && value is ScalarValue { Value: var v } ? v?.ToString() : null;
}
