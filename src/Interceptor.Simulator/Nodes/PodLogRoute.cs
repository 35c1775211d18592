using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// <c>GET /api/v1/namespaces/{ns}/pods/{name}/log</c>: as the real server's pod log REST (pkg/registry/core/pod/rest/log.go,
/// strategy.go LogLocation) it picks the container, finds the pod's node and streams the kubelet's
/// <c>containerLogs</c> answer; a kubelet error comes back as 400 with the kubelet's text.
/// </summary>
internal sealed partial class PodLogRoute(SimulatedNodes nodes, FakeObjectStore store)
{
    public bool TryMatch(string path, out string ns, out string pod)
    {
        var match = LogPath().Match(path);
        ns = Uri.UnescapeDataString(match.Groups["ns"].Value);
        pod = Uri.UnescapeDataString(match.Groups["pod"].Value);
        return match.Success;
    }

    public async Task<KubeletAnswer> AnswerAsync(string ns, string name, IQueryCollection query, CancellationToken ct)
    {
        var pod = store.TryGet(BuiltinResources.Pods, ns, name) ?? throw StatusErrors.NotFound(BuiltinResources.Pods, name);
        var container = Container(pod, name, query["container"].ToString());
        // LogLocation: a pod not yet on a node has no kubelet to ask, and the log is empty.
        if (PodFields.NodeName(pod) is not { Length: > 0 } nodeName || nodes.Find(nodeName) is not { } node)
        {
            return KubeletAnswer.Ok("");
        }
        var answer = await node.Api.AnswerAsync("GET", $"containerLogs/{ns}/{name}/{container}", query, ct).ConfigureAwait(false);
        return answer.StatusCode == 200 ? answer : throw StatusErrors.BadRequest(answer.Body);
    }

    /// <summary>The requested container, or the only one; the messages are validateContainer's in strategy.go.</summary>
    private static string Container(JsonObject pod, string name, string requested)
    {
        var containers = PodFields.Containers(pod).Select(c => c.Name).ToList();
        if (requested.Length == 0)
        {
            return containers.Count == 1
                ? containers[0]
                : throw StatusErrors.BadRequest(
                    $"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', containers)}]");
        }
        return containers.Contains(requested)
            ? requested
            : throw StatusErrors.BadRequest($"container {requested} is not valid for pod {name}");
    }

    [GeneratedRegex("^/api/v1/namespaces/(?<ns>[^/]+)/pods/(?<pod>[^/]+)/log$")]
    private static partial Regex LogPath();
}
