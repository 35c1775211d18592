using Interceptor.Simulator.Admission;
using Interceptor.Simulator.Authentication;

namespace Interceptor.Simulator.Http;

/// <summary>The caller of a request, found once by the authentication step of the pipeline (<see cref="BearerTokens"/>).</summary>
internal static class RequestUser
{
    /// <summary>Stores who the request is from; null (the configured default user) for an unknown caller.</summary>
    public static Task AuthenticateAsync(BearerTokens tokens, HttpContext context, RequestDelegate next)
    {
        context.Items[typeof(AdmissionUser)] = tokens.UserOf(context);
        return next(context);
    }

    public static AdmissionUser? Of(HttpContext context) => context.Items[typeof(AdmissionUser)] as AdmissionUser;
}
