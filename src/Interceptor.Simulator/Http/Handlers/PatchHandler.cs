using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Patching;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Http.Handlers;

/// <summary>
/// PATCH an object or its <c>/status</c>. The patch is applied to the current object inside the
/// store's write, so it never conflicts unless it carries a resourceVersion itself. Every patch records its manager's
/// ownership of what it changed in <c>metadata.managedFields</c>; an apply patch is server-side apply.
/// </summary>
internal sealed class PatchHandler(FakeObjectStore store, UpdateHandler updates, TimeProvider clock)
{
    public async Task HandleAsync(HttpContext context, ResourceRoute route)
    {
        var kind = PatchKinds.FromMediaType(RequestBody.MediaType(context), route.Resource);
        var apply = kind == PatchKind.Apply ? ApplyRequestOf(context, route) : null;
        var patch = await RequestBody.ReadNodeAsync(context);
        var manager = apply?.Manager ?? DefaultManager(context);
        var now = clock.GetUtcNow();
        var warnings = new List<string>();
        if (apply is not null && route.Subresource is null && store.TryGet(route.Resource, route.Namespace, route.Name!) is null)
        {
            // An apply to an object that does not exist creates it (patch.go applyPatcher with createIfNotFound).
            await CreateAsync(context, route, Body(patch), apply, now);
            return;
        }
        var patched = store.Modify(route.Resource, route.Namespace, route.Name!, current =>
        {
            if (apply is not null)
            {
                return ServerSideApply.Apply(current, Body(patch), route.Resource, apply, now);
            }
            var before = current.DeepClone().AsObject();
            Apply(current, kind, patch);
            ServerSideApply.RecordUpdate(before, current, route.Resource, manager, route.Subresource, now);
            return current;
        }, UpdateHandler.ScopeOf(route), updates.Admit(context, route, warnings));
        WarningHeaders.Add(context, warnings);
        await JsonResponses.WriteObjectAsync(context, StatusCodes.Status200OK, patched);
    }

    private async Task CreateAsync(HttpContext context, ResourceRoute route, JsonObject config, ApplyRequest apply, DateTimeOffset now)
    {
        var empty = new JsonObject
        {
            ["apiVersion"] = route.Resource.ApiVersion,
            ["kind"] = route.Resource.Kind,
            ["metadata"] = new JsonObject { ["name"] = route.Name },
        };
        if (route.Namespace is not null)
        {
            empty["metadata"]!["namespace"] = route.Namespace;
        }
        var created = store.Create(route.Resource, ServerSideApply.Apply(empty, config, route.Resource, apply, now), route.Namespace);
        await JsonResponses.WriteObjectAsync(context, StatusCodes.Status201Created, created);
    }

    private static JsonObject Body(JsonNode? patch) =>
        patch as JsonObject ?? throw StatusErrors.BadRequest("the request body must be a JSON object");

    /// <summary>Applies a non-apply patch in place (also used for the scale subresource's Scale).</summary>
    public static void Apply(JsonObject target, PatchKind kind, JsonNode? patch)
    {
        switch (kind)
        {
            case PatchKind.Merge:
                MergePatch.Apply(target, patch);
                break;
            case PatchKind.Strategic:
            case PatchKind.Apply:
                // Apply reaches here only for the scale subresource, whose Scale has no lists: a merge of the configuration.
                StrategicMergePatch.Apply(target, patch);
                break;
            default:
                JsonPatch.Apply(target, patch);
                break;
        }
    }

    /// <summary>
    /// validation.ValidatePatchOptions: an apply needs a fieldManager (422 on PatchOptions), and force is for applies only.
    /// </summary>
    private static ApplyRequest ApplyRequestOf(HttpContext context, ResourceRoute route)
    {
        var manager = context.Request.Query["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            throw new ApiStatusException(422, "Invalid",
                "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
                new StatusDetails(Group: "meta.k8s.io", Kind: "PatchOptions")
                {
                    Causes = [new StatusCause("FieldValueRequired", "Required value: is required for apply patch", "fieldManager")],
                });
        }
        return new ApplyRequest(manager, context.Request.Query["force"].ToString() == "true", route.Subresource);
    }

    /// <summary>
    /// fieldmanager's default for a request without <c>?fieldManager=</c>: the User-Agent up to its first slash
    /// (prefixFromUserAgent), e.g. <c>kubectl</c> or <c>Interceptor</c>.
    /// </summary>
    private static string DefaultManager(HttpContext context) =>
        context.Request.Query["fieldManager"].ToString() is { Length: > 0 } named ? named
            : context.Request.Headers.UserAgent.ToString().Split('/')[0] is { Length: > 0 } agent ? agent : "unknown";
}
