namespace Interceptor.Simulator.Recording;

/// <summary>
/// Thread-safe record of requests, clearable between test phases. Bounded so that a standalone
/// simulator serving controllers for hours does not grow without limit: the oldest go first.
/// </summary>
internal sealed class RequestLog(int capacity)
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];

    public void Add(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
            if (_requests.Count > capacity)
            {
                // Drop a tenth at once so trimming stays amortised O(1) per request.
                _requests.RemoveRange(0, Math.Max(1, capacity / 10));
            }
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
