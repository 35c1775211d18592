using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Interceptor.Checkpoint.Registry;

/// <summary>
/// Answers a registry's 401 challenge: Basic with the configured credentials, or Bearer by fetching a
/// token from the challenge's realm (Docker token authentication, which distribution, Harbor, GHCR and
/// others implement), with the credentials when there are any, anonymously otherwise. The last answer
/// is kept and sent first on later requests, so a push costs one token fetch, not one per chunk.
/// Where the credentials and the answer may go is <see cref="CredentialScope"/>'s decision.
/// </summary>
internal sealed class RegistryAuthenticator(HttpClient http, RegistryOptions options)
{
    private readonly CredentialScope _scope = new(options);
    private volatile AuthenticationHeaderValue? _current;

    public bool HasCredentials => options.Username is not null;

    /// <summary>The header to send first (null until a challenge was answered).</summary>
    public AuthenticationHeaderValue? Current => _current;

    /// <summary>The header that answers <paramref name="challenge"/>, or null when we have nothing to answer with.</summary>
    public async Task<AuthenticationHeaderValue?> AnswerAsync(string operation, AuthChallenge challenge, CancellationToken cancellationToken)
    {
        AuthenticationHeaderValue? answer = challenge.IsBearer
            ? new AuthenticationHeaderValue("Bearer", await FetchTokenAsync(operation, challenge, cancellationToken).ConfigureAwait(false))
            : HasCredentials ? BasicCredentials() : null;
        _current = answer;
        return answer;
    }

    private AuthenticationHeaderValue BasicCredentials() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));

    private async Task<string> FetchTokenAsync(string operation, AuthChallenge challenge, CancellationToken cancellationToken)
    {
        var tokenOperation = $"{operation} (token)";
        using var request = new HttpRequestMessage(HttpMethod.Get, TokenUri(tokenOperation, challenge));
        request.Headers.Authorization = HasCredentials && RealmMayHaveCredentials(tokenOperation, request.RequestUri!) ? BasicCredentials() : null;
        var response = await RegistryWire.SendOnceAsync(http, request, options.MaxResponseBytes, tokenOperation, cancellationToken).ConfigureAwait(false);
        if (response.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new RegistryException(RegistryFailureKind.Unauthorized, tokenOperation,
                HasCredentials ? "the token endpoint refused the credentials" : "the token endpoint wants credentials and none are configured",
                (int)response.Status);
        }

        if (response.Status != HttpStatusCode.OK)
        {
            throw RegistryFailures.FromStatus(tokenOperation, response);
        }

        return ReadToken(tokenOperation, response.Body);
    }

    // Fetching a token anonymously instead would get a pull-only token and a puzzling 401 on the push: refuse clearly.
    private bool RealmMayHaveCredentials(string operation, Uri realm) =>
        _scope.MaySendCredentialsToRealm(realm)
            ? true
            : throw new RegistryException(RegistryFailureKind.Unauthorized, operation,
                $"the token realm is on {realm.IdnHost}, not on the registry's host; the credentials are not sent there unless RegistryOptions.TokenRealmHosts lists it");

    private static Uri TokenUri(string operation, AuthChallenge challenge)
    {
        if (!Uri.TryCreate(challenge.Parameter("realm"), UriKind.Absolute, out var realm) || (realm.Scheme != Uri.UriSchemeHttps && realm.Scheme != Uri.UriSchemeHttp))
        {
            throw RegistryFailures.Protocol(operation, "the Bearer challenge has no absolute http(s) realm");
        }

        if (!CredentialScope.IsConfidential(realm))
        {
            throw RegistryFailures.Protocol(operation, $"the token realm {realm.GetLeftPart(UriPartial.Path)} is plain http on a host that is not loopback; tokens are only fetched over https");
        }

        var query = new List<string>();
        if (challenge.Parameter("service") is { } service)
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }

        // Several scopes arrive space-separated in one parameter; the token endpoint takes one scope= each.
        foreach (var scope in (challenge.Parameter("scope") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            query.Add("scope=" + Uri.EscapeDataString(scope));
        }

        var separator = string.IsNullOrEmpty(realm.Query) ? "?" : "&";
        return query.Count == 0 ? realm : new Uri(realm + separator + string.Join('&', query));
    }

    private static string ReadToken(string operation, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var name in new[] { "token", "access_token" })
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var token)
                    && token.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(token.GetString()))
                {
                    return token.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
            // Falls through to the protocol error below.
        }

        throw RegistryFailures.Protocol(operation, "the token endpoint's answer holds no token");
    }
}
