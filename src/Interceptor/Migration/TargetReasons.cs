namespace Interceptor.Migration;

/// <summary>Why <see cref="TargetSelection.Choose"/> found no target: the fixed vocabulary of <see cref="TargetChoice.Reason"/>.</summary>
public static class TargetReasons
{
    /// <summary>No node other than the source carries the restore label: an operator must turn restore on somewhere first.</summary>
    public const string NoRestoreCapableNode = "NoRestoreCapableNode";

    /// <summary>Restore-capable nodes exist, but each fails one of the pod's constraints (the message says which and why).</summary>
    public const string NoFeasibleNode = "NoFeasibleNode";

    /// <summary>The explicit target node does not exist.</summary>
    public const string TargetNotFound = "TargetNotFound";

    /// <summary>The explicit target node exists but fails a filter (the message says which).</summary>
    public const string TargetNotSuitable = "TargetNotSuitable";
}
