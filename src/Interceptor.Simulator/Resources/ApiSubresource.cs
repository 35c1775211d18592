namespace Interceptor.Simulator.Resources;

/// <summary>
/// A subresource with a kind of its own, such as <c>pods/eviction</c> (policy/v1 Eviction). Discovery
/// shows its group, version and kind because they differ from the parent resource's.
/// </summary>
public sealed record ApiSubresource(string Name, string Group, string Version, string Kind, IReadOnlyList<string> Verbs);
