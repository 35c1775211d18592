namespace Interceptor.Simulator.Recording;

/// <summary>Thread-safe, append-only record of requests, clearable between test phases.</summary>
internal sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];

    public void Add(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _requests];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }
}
