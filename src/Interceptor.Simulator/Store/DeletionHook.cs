using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Store;

/// <summary>
/// Decides what DELETE does to one object. The default removes it at once; a graceful pod
/// deletion or a finalizer-aware hook returns <see cref="DeletionDecision.KeepAs"/> with
/// deletionTimestamp set, and a kubelet or controller removes it later.
/// </summary>
public delegate DeletionDecision DeletionHook(JsonObject current, TimeProvider clock);

/// <summary>
/// A <see cref="DeletionHook"/> that also sees the request's DeleteOptions (null when none were sent), for
/// hooks that honour <c>gracePeriodSeconds</c>; DELETE and the pods/eviction subresource both pass them.
/// </summary>
public delegate DeletionDecision DeletionHookWithOptions(JsonObject current, JsonObject? deleteOptions, TimeProvider clock);

/// <summary>The outcome of a <see cref="DeletionHook"/>.</summary>
public abstract record DeletionDecision
{
    public static readonly DeletionDecision RemoveNow = new Remove();

    /// <summary>Keep the object, stored as <paramref name="updated"/> (a MODIFIED event, answered with 202).</summary>
    public static DeletionDecision KeepAs(JsonObject updated) => new Keep(updated);

    internal sealed record Remove : DeletionDecision;

    internal sealed record Keep(JsonObject Updated) : DeletionDecision;
}
