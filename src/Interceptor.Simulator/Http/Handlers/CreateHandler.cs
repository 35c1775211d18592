using Interceptor.Simulator.Admission;

namespace Interceptor.Simulator.Http.Handlers;

/// <summary>
/// POST to a collection: admission (mutating webhooks, PodSecurity, validating webhooks), create, answer 201 with
/// the stored object and any admission warnings as <c>Warning</c> headers.
/// </summary>
internal sealed class CreateHandler(CreateAdmission admission)
{
    public async Task HandleAsync(HttpContext context, ResourceRoute route)
    {
        var body = await RequestBody.ReadObjectAsync(context);
        var user = RequestUser.Of(context);
        var warnings = new List<string>();
        var created = await admission.CreateAsync(route.Resource, body, route.Namespace, user, context.RequestAborted, warnings);
        WarningHeaders.Add(context, warnings);
        await JsonResponses.WriteObjectAsync(context, StatusCodes.Status201Created, created);
    }
}
