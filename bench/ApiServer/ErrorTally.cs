namespace Interceptor.Bench.ApiServer;

/// <summary>Failed or wrong answers of one run, counted from many tasks; the first one is kept to explain a VOID run.</summary>
public sealed class ErrorTally
{
    private long _count;
    private string? _first;

    public long Count => Interlocked.Read(ref _count);

    public string? First => Volatile.Read(ref _first);

    public void Add(string error)
    {
        Interlocked.Increment(ref _count);
        Interlocked.CompareExchange(ref _first, error, null);
    }

    public void Add(Exception error) => Add($"{error.GetType().Name}: {error.Message}");
}
