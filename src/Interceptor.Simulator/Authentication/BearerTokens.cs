using System.Collections.Concurrent;
using Interceptor.Simulator.Admission;

namespace Interceptor.Simulator.Authentication;

/// <summary>
/// Who a request is from. The fake server accepts any request (there is no authorization); a bearer token added here
/// names a user, with groups and extra fields, as a real server's token authenticator would, e.g. a node-bound
/// service-account token: <c>server.Tokens.Add("agent-a", new("system:serviceaccount:ns:sa", [...]) { Extra = ... })</c>.
/// </summary>
public sealed class BearerTokens
{
    private readonly ConcurrentDictionary<string, AdmissionUser> _users = new(StringComparer.Ordinal);

    public void Add(string token, AdmissionUser user) => _users[token] = user;

    /// <summary>
    /// Impersonation first (Impersonate-User, -Group, -Uid, -Extra-{key} with the key percent-encoded, as
    /// apiserver pkg/endpoints/filters/impersonation.go reads them), then a known bearer token; null for anyone else.
    /// </summary>
    internal AdmissionUser? UserOf(HttpContext context)
    {
        var headers = context.Request.Headers;
        var impersonated = headers["Impersonate-User"].ToString();
        if (impersonated.Length > 0)
        {
            return new AdmissionUser(impersonated, [.. headers["Impersonate-Group"].Select(g => g ?? ""), "system:authenticated"])
            {
                Uid = headers["Impersonate-Uid"].ToString(),
                Extra = ImpersonatedExtra(headers),
            };
        }
        var authorization = headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && _users.TryGetValue(authorization["Bearer ".Length..].Trim(), out var user)
                ? user
                : null;
    }

    private static Dictionary<string, IReadOnlyList<string>> ImpersonatedExtra(IHeaderDictionary headers)
    {
        const string Prefix = "Impersonate-Extra-";
        return headers.Where(h => h.Key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(
                h => Uri.UnescapeDataString(h.Key[Prefix.Length..]).ToLowerInvariant(),
                h => (IReadOnlyList<string>)[.. h.Value.Select(v => v ?? "")]);
    }
}
