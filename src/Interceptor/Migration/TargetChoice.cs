namespace Interceptor.Migration;

/// <summary>
/// The outcome of <see cref="TargetSelection.Choose"/>: a node, or no node with a <see cref="Reason"/> from
/// <see cref="TargetReasons"/> and a message for humans (status, Events) naming each rejected node and why.
/// </summary>
public sealed record TargetChoice
{
    private TargetChoice(string? node, string? reason, string message)
    {
        Node = node;
        Reason = reason;
        Message = message;
    }

    /// <summary>The chosen node; null when there is none.</summary>
    public string? Node { get; }

    /// <summary>One of <see cref="TargetReasons"/> when <see cref="Node"/> is null; null otherwise.</summary>
    public string? Reason { get; }

    public string Message { get; }

    public bool HasTarget => Node is not null;

    public static TargetChoice Chosen(string node, string message) => new(node, null, message);

    public static TargetChoice None(string reason, string message) => new(null, reason, message);
}
