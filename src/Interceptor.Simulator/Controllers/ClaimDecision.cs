using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers;

/// <summary>What a controller does with one candidate dependent (controller_ref_manager.go ClaimObject).</summary>
internal enum ClaimDecision
{
    /// <summary>Ours and still matching: counted.</summary>
    Keep,

    /// <summary>An orphan that matches: take it (add our controller reference), then count it.</summary>
    Adopt,

    /// <summary>Ours but no longer matching (the relabel trick): drop our controller reference.</summary>
    Release,

    /// <summary>Someone else's, or not for us: leave it alone.</summary>
    Ignore,
}

/// <summary>The pure part of ClaimObject: the decision from the candidate, the owner's identity and the match.</summary>
internal static class Claims
{
    public static ClaimDecision Decide(JsonObject candidate, string ownerUid, bool ownerDeleting, bool matches)
    {
        if (OwnerReferences.ControllerOf(candidate) is { } controller)
        {
            if (Meta.String(controller, "uid") != ownerUid)
            {
                return ClaimDecision.Ignore;
            }
            // A controller being deleted releases nothing: its dependents are about to go with it.
            return matches ? ClaimDecision.Keep : ownerDeleting ? ClaimDecision.Ignore : ClaimDecision.Release;
        }
        // Never adopt while being deleted, and never adopt an object that is itself terminating.
        return ownerDeleting || !matches || PodConditions.IsTerminating(candidate) ? ClaimDecision.Ignore : ClaimDecision.Adopt;
    }
}
