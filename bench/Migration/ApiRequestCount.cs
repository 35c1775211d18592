using Interceptor.Simulator.Recording;

namespace Interceptor.Bench.Migration;

/// <summary>
/// The API requests of one measured window, from the fake server's request log (watch requests left out: they are
/// opened once and stream). Every request costs this process TLS, routing and JSON on both ends, so on a small machine
/// the count is a large part of what the controller adds.
/// </summary>
public sealed record ApiRequestCount(int Reads, int Writes, int ClusterPodLists)
{
    public int Total => Reads + Writes;

    public static ApiRequestCount Of(IReadOnlyList<RecordedRequest> requests)
    {
        var counted = requests.Where(r => !r.IsWatch).ToList();
        var reads = counted.Count(r => r.Method == "GET");
        // A LIST of every pod in the cluster (the controller's target choice reads them all for node usage).
        var podLists = counted.Count(r => r.Method == "GET" && r.Path == "/api/v1/pods");
        return new ApiRequestCount(reads, counted.Count - reads, podLists);
    }
}
