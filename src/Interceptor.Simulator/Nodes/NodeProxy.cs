using System.Text.RegularExpressions;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Http;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// The API server's <c>/api/v1/nodes/{node}/proxy/{path}</c>: hands the request to the node's kubelet. The real
/// server dials the kubelet with its own client certificate; here the call goes in-process to the same handler,
/// so no token is needed. An unknown node is 404; a failed node's kubelet cannot be reached: 503. A pod's
/// <c>log</c> subresource reaches the kubelet the same way (<see cref="PodLogRoute"/>).
/// </summary>
internal sealed partial class NodeProxy(SimulatedNodes nodes, PodLogRoute podLogs)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        if (context.Request.Method == "GET" && podLogs.TryMatch(path, out var ns, out var pod))
        {
            await WritePodLogAsync(context, ns, pod).ConfigureAwait(false);
            return;
        }
        var match = ProxyPath().Match(path);
        if (!match.Success)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        var name = Uri.UnescapeDataString(match.Groups["node"].Value);
        if (nodes.Find(name) is not { } node)
        {
            await JsonResponses.WriteStatusAsync(context, StatusErrors.NotFound(Resources.BuiltinResources.Nodes, name)).ConfigureAwait(false);
            return;
        }
        if (node.IsFailed)
        {
            await JsonResponses.WriteStatusAsync(context, new ApiStatusException(503, "ServiceUnavailable",
                $"error trying to reach service: dial tcp {node.InternalIP}:{node.KubeletPort}: connect: connection refused")).ConfigureAwait(false);
            return;
        }
        var answer = await node.Api.AnswerAsync(context.Request.Method, match.Groups["path"].Value, context.Request.Query, context.RequestAborted).ConfigureAwait(false);
        await answer.WriteAsync(context).ConfigureAwait(false);
    }

    private async Task WritePodLogAsync(HttpContext context, string ns, string pod)
    {
        try
        {
            var answer = await podLogs.AnswerAsync(ns, pod, context.Request.Query, context.RequestAborted).ConfigureAwait(false);
            await answer.WriteAsync(context).ConfigureAwait(false);
        }
        catch (ApiStatusException error)
        {
            await JsonResponses.WriteStatusAsync(context, error).ConfigureAwait(false);
        }
    }

    [GeneratedRegex("^/api/v1/nodes/(?<node>[^/]+)/proxy(?:/(?<path>.*))?$")]
    private static partial Regex ProxyPath();
}
