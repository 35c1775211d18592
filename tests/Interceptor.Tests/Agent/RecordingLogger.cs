using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Interceptor.Tests.Agent;

/// <summary>Keeps every log record (level and formatted message), to show what a component said instead of throwing.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _records = new();

    public IReadOnlyCollection<(LogLevel Level, string Message)> Records => _records;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _records.Enqueue((logLevel, formatter(state, exception)));
}
