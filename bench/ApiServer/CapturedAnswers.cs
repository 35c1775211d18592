using System.Text;
using Interceptor.Simulator;
using k8s;

namespace Interceptor.Bench.ApiServer;

/// <summary>
/// The fake server's own answers, byte for byte, taken once before the runs: the bare endpoint replays them, so
/// both sides put the same bytes on the wire and the client deserializes the same objects. The difference is
/// what the fake server does to produce them (routing, store, selectors, serialization, request log).
/// </summary>
public sealed record CapturedAnswers(
    byte[] Pod,
    byte[] Created,
    IReadOnlyDictionary<ListKey, byte[]> Lists,
    byte[] PatchedBeforeSequence,
    byte[] PatchedAfterSequence)
{
    /// <summary>A sequence number no real update reaches: where it stands in the patched pod is where the replay writes its own.</summary>
    private const long Marker = 987_654_321_012;

    public static async Task<CapturedAnswers> TakeAsync(FakeApiServer server, Kubernetes client)
    {
        var http = client.HttpClient;
        var root = server.BaseAddress;
        var pod = await http.GetByteArrayAsync(new Uri(root, $"api/v1/namespaces/{BenchPods.SmallList}/pods/{BenchPods.Name(0)}"));
        var lists = new Dictionary<ListKey, byte[]>();
        foreach (var key in ListKey.All)
        {
            lists[key] = await http.GetByteArrayAsync(new Uri(root, key.Path));
        }

        var created = await SendAsync(http, HttpMethod.Post, new Uri(root, $"api/v1/namespaces/{BenchPods.Creates}/pods"),
            KubernetesJson.Serialize(BenchPods.Pod(BenchPods.Creates, "captured", 0)), "application/json");
        await client.CoreV1.DeleteNamespacedPodAsync("captured", BenchPods.Creates);
        var patched = await SendAsync(http, HttpMethod.Patch, new Uri(root, $"api/v1/namespaces/{BenchPods.Watched}/pods/{WatchFanOut.PodName(0)}"),
            BenchPods.SequencePatch(Marker), "application/merge-patch+json");
        var (before, after) = SplitAtMarker(patched);
        return new CapturedAnswers(pod, created, lists, before, after);
    }

    private static async Task<byte[]> SendAsync(HttpClient http, HttpMethod method, Uri uri, string json, string contentType)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static (byte[] Before, byte[] After) SplitAtMarker(byte[] patched)
    {
        var marker = Encoding.UTF8.GetBytes(Marker.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var at = patched.AsSpan().IndexOf(marker);
        if (at < 0)
        {
            throw new InvalidOperationException("the patched pod does not carry the sequence annotation");
        }

        return (patched[..at], patched[(at + marker.Length)..]);
    }
}

/// <summary>One list the runs ask for: namespace and selectors, as query values.</summary>
public sealed record ListKey(string Namespace, string? LabelSelector, string? FieldSelector)
{
    public static readonly ListKey Small = new(BenchPods.SmallList, null, null);
    public static readonly ListKey Large = new(BenchPods.LargeList, null, null);
    public static readonly ListKey ByLabel = new(BenchPods.LargeList, BenchPods.LabelSelector, null);
    public static readonly ListKey ByField = new(BenchPods.LargeList, null, BenchPods.FieldSelector);
    public static readonly ListKey Watched = new(BenchPods.Watched, null, null);

    public static IReadOnlyList<ListKey> All => [Small, Large, ByLabel, ByField, Watched];

    public string Path
    {
        get
        {
            var query = new List<string>();
            if (LabelSelector is not null)
            {
                query.Add("labelSelector=" + Uri.EscapeDataString(LabelSelector));
            }

            if (FieldSelector is not null)
            {
                query.Add("fieldSelector=" + Uri.EscapeDataString(FieldSelector));
            }

            return $"api/v1/namespaces/{Namespace}/pods" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
        }
    }
}
