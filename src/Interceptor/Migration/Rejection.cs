namespace Interceptor.Migration;

/// <summary>A node turned down as a target, and the first filter's reason (reads after the name: "n1 is cordoned").</summary>
public sealed record Rejection(string Node, string Reason);
