using Interceptor.Simulator.Recording;

namespace Interceptor.Bench.Migration;

/// <summary>
/// The API requests of one measured window, from the fake server's request log (watch requests left out: they are
/// opened once and stream). Every request costs this process TLS, routing and JSON on both ends, so on a small machine
/// the count is a large part of what the controller adds.
/// </summary>
public sealed record ApiRequestCount(int Reads, int Writes, int ClusterPodLists, IReadOnlyDictionary<string, int> ByRoute)
{
    public int Total => Reads + Writes;

    public static ApiRequestCount Of(IReadOnlyList<RecordedRequest> requests)
    {
        var counted = requests.Where(r => !r.IsWatch).ToList();
        var reads = counted.Count(r => r.Method == "GET");
        // A LIST of every pod in the cluster (the controller's target choice reads them all for node usage).
        var podLists = counted.Count(r => r.Method == "GET" && r.Path == "/api/v1/pods");
        var byRoute = counted.GroupBy(r => r.Method + " " + Route(r.Path)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new ApiRequestCount(reads, counted.Count - reads, podLists, byRoute);
    }

    /// <summary>The path with namespace and object names left out: <c>/api/v1/namespaces/a/pods/b/status</c> is <c>pods/{name}/status</c>.</summary>
    public static string Route(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(segments, "namespaces");
        // Cluster-scoped: after /api/v1 or /apis/group/version.
        var rest = at >= 0 && segments.Length > at + 2 ? segments[(at + 2)..] : segments[(segments.FirstOrDefault() == "api" ? 2 : 3)..];
        return rest.Length switch
        {
            0 => path,
            1 => rest[0],
            _ => string.Join('/', [rest[0], "{name}", .. rest[2..]]),
        };
    }
}
