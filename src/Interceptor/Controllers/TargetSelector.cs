using Interceptor.Kube;
using Interceptor.Migration;
using k8s.Models;

namespace Interceptor.Controllers;

/// <summary>Gathers the nodes and the pods bound to them, then asks the pure <see cref="TargetSelection"/>.</summary>
public sealed class TargetSelector(PodOperations pods)
{
    public async Task<TargetOutcome> ChooseAsync(V1Pod source, string? explicitTarget, CancellationToken ct)
    {
        var nodes = await pods.ListNodesAsync(ct).ConfigureAwait(false);
        var scheduled = await pods.ListScheduledPodsAsync(ct).ConfigureAwait(false);
        var choice = TargetSelection.Choose(source, [.. nodes], [.. scheduled], explicitTarget);
        return TargetOutcome.From(choice);
    }
}

/// <summary>The chosen node, or the fixed reason and the message that says why there is none.</summary>
public sealed record TargetOutcome(string? Node, string? Reason, string? Message)
{
    public static TargetOutcome From(TargetChoice choice) =>
        choice.Node is { } node ? new(node, null, null) : new(null, choice.Reason, choice.Message);
}
