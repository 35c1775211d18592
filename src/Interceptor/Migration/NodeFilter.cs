using k8s.Models;

namespace Interceptor.Migration;

/// <summary>
/// One named check of a candidate node: <see cref="Reject"/> returns null when the node passes, or why it does not
/// (a short phrase that reads after the node's name: "n1: is cordoned").
/// </summary>
public sealed record NodeFilter(string Name, Func<PlacementContext, V1Node, string?> Reject);
