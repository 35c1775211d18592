using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// Applies claim decisions (controller_ref_manager.go ClaimPods/ClaimReplicaSets): adoption and release are
/// patches of <c>metadata.ownerReferences</c> carrying the dependent's uid as a precondition, so a dependent
/// recreated under the same name is never adopted or released by mistake.
/// </summary>
internal sealed class ControllerRefManager(FakeObjectStore store, ResourceType ownerType, ResourceType dependentType)
{
    /// <summary>The candidates the owner keeps or just adopted (adopted ones as stored after the patch).</summary>
    public List<JsonObject> Claim(JsonObject owner, IEnumerable<JsonObject> candidates, Func<JsonObject, bool> matches)
    {
        var ownerUid = Meta.Uid(owner)!;
        var ownerDeleting = PodConditions.IsTerminating(owner);
        var claimed = new List<JsonObject>();
        bool? canAdopt = null;
        foreach (var candidate in candidates)
        {
            switch (Claims.Decide(candidate, ownerUid, ownerDeleting, matches(candidate)))
            {
                case ClaimDecision.Keep:
                    claimed.Add(candidate);
                    break;
                case ClaimDecision.Adopt:
                    // RecheckDeletionTimestamp: read the owner afresh once before the first adoption.
                    canAdopt ??= CanAdopt(owner);
                    if (canAdopt.Value && TryPatch(candidate, refs => Adopt(refs, owner)) is { } adopted)
                    {
                        claimed.Add(adopted);
                    }
                    break;
                case ClaimDecision.Release:
                    TryPatch(candidate, refs => Release(refs, ownerUid));
                    break;
            }
        }
        return claimed;
    }

    private bool CanAdopt(JsonObject owner) =>
        store.TryGet(ownerType, Meta.Namespace(owner), Meta.Name(owner)!) is { } fresh
        && Meta.Uid(fresh) == Meta.Uid(owner) && !PodConditions.IsTerminating(fresh);

    /// <summary>Adds our controller reference, unless another controller got there first (validation allows one).</summary>
    private JsonArray? Adopt(JsonArray refs, JsonObject owner)
    {
        if (refs.OfType<JsonObject>().Any(r => r["controller"]?.GetValueKind() == System.Text.Json.JsonValueKind.True))
        {
            return null;
        }
        refs.Add(OwnerReferences.NewControllerRef(owner, ownerType));
        return refs;
    }

    private static JsonArray Release(JsonArray refs, string ownerUid)
    {
        foreach (var mine in refs.OfType<JsonObject>().Where(r => Meta.String(r, "uid") == ownerUid).ToList())
        {
            refs.Remove(mine);
        }
        return refs;
    }

    /// <summary>The patched object, or null when the dependent is gone, was replaced, or the change did not apply.</summary>
    private JsonObject? TryPatch(JsonObject candidate, Func<JsonArray, JsonArray?> change)
    {
        var uid = Meta.Uid(candidate);
        try
        {
            var applied = false;
            var stored = store.Modify(dependentType, Meta.Namespace(candidate), Meta.Name(candidate)!, current =>
            {
                if (Meta.Uid(current) != uid)
                {
                    throw StatusErrors.Conflict(dependentType, Meta.Name(current)!, "the object has been replaced");
                }
                var meta = Meta.Of(current);
                var refs = meta["ownerReferences"] as JsonArray ?? [];
                if (change(refs) is not { } changed)
                {
                    return current;
                }
                applied = true;
                if (changed.Count == 0)
                {
                    meta.Remove("ownerReferences");
                }
                else if (changed.Parent is null)
                {
                    meta["ownerReferences"] = changed;
                }
                return current;
            }, UpdateScope.Main);
            return applied ? stored : null;
        }
        catch (ApiStatusException e) when (e.Code is 404 or 409)
        {
            return null;
        }
    }
}
