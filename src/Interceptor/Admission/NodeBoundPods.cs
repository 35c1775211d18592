using Interceptor.Api;

namespace Interceptor.Admission;

/// <summary>
/// Pods that belong to their node and never move: DaemonSet pods (the DaemonSet runs another one wherever it
/// should) and static or mirror pods (the node's kubelet owns them). Pure, shared by the eviction guards and the
/// pod mutation so both paths draw the line in the same place.
/// </summary>
public static class NodeBoundPods
{
    public const string DaemonSetKind = "DaemonSet";

    /// <summary>The owner kind the API server gives mirror pods (since 1.17).</summary>
    public const string NodeKind = "Node";

    /// <param name="controllerKind">The kind of the pod's controller owner reference, if any.</param>
    public static bool IsDaemonSetPod(string? controllerKind) => controllerKind == DaemonSetKind;

    // A mirror pod carries the mirror annotation; a static pod read by the kubelet from a file or URL says so in
    // its config source; the Node owner reference is how the API server marks mirror pods since 1.17.
    public static bool IsStaticOrMirror(IDictionary<string, string>? annotations, string? controllerKind) =>
        annotations?.ContainsKey(Annotations.MirrorPod) == true
        || (annotations is not null && annotations.TryGetValue(Annotations.ConfigSource, out var source) && source is "file" or "http")
        || controllerKind == NodeKind;
}
