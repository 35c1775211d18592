using System.Text.Json.Nodes;
using Interceptor.Simulator.Admission.Policies;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Http.Handlers;

/// <summary>PUT an object or its <c>/status</c>; ValidatingAdmissionPolicies judge the object as it would be stored.</summary>
internal sealed class UpdateHandler(FakeObjectStore store, ValidatingAdmissionPolicies policies)
{
    public async Task HandleAsync(HttpContext context, ResourceRoute route)
    {
        var body = await RequestBody.ReadObjectAsync(context);
        var warnings = new List<string>();
        var updated = store.Modify(route.Resource, route.Namespace, route.Name!, _ => body, ScopeOf(route), Admit(context, route, warnings));
        WarningHeaders.Add(context, warnings);
        await JsonResponses.WriteObjectAsync(context, StatusCodes.Status200OK, updated);
    }

    /// <summary>The admission step of an UPDATE (PUT or PATCH) by this request's caller.</summary>
    public Action<JsonObject, JsonObject> Admit(HttpContext context, ResourceRoute route, List<string> warnings) =>
        (updated, old) => warnings.AddRange(policies.Validate(
            PolicyRequest.Update(route.Resource, route.Subresource, updated, old, RequestUser.Of(context))));

    public static UpdateScope ScopeOf(ResourceRoute route) =>
        route.Subresource == "status" ? UpdateScope.Status : UpdateScope.Main;
}
