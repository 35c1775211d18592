namespace Interceptor.Checkpoint.Registry;

/// <summary>
/// Where the configured credentials, and any token or header made from them, may go. Modelled on the
/// Docker and containerd clients, made stricter where they trust the network:
/// <list type="bullet">
/// <item>An Authorization header belongs to one origin. containerd keeps one auth handler per request host
/// (core/remotes/docker/authorizer.go: <c>Authorize</c> looks up <c>handlers[req.URL.Host]</c>) and distribution
/// applies a challenge only to the <c>scheme://host/v2/</c> it came from (registry/client/auth/session.go,
/// <c>endpointAuthorizer.ModifyRequest</c>). So a cached header goes only to the registry's own scheme, host
/// and port, never to an upload Location elsewhere (a storage back end or a hostile redirect).</item>
/// <item>Credentials only over TLS, or plain http on loopback (a test registry on the same machine): the
/// Go clients send them over http when told a registry is insecure; an agent has no such list.</item>
/// <item>The token realm: both Go clients send the Basic credentials to whatever realm the challenge names
/// (distribution: <c>creds.Basic(realmURL)</c>; containerd: <c>FetchToken</c> with
/// <c>req.SetBasicAuth</c>), since Docker Hub's realm is another host. Here the realm must be https (or
/// loopback http) always, and it gets the credentials only when it is the registry's host name or one of
/// <see cref="RegistryOptions.TokenRealmHosts"/>: a registry that is compromised or impersonated on one
/// path must not be able to send the password anywhere it likes.</item>
/// </list>
/// </summary>
internal sealed class CredentialScope(RegistryOptions options)
{
    /// <summary>Whether <paramref name="uri"/> is the registry itself: same scheme, host and port as the endpoint.</summary>
    public bool IsRegistry(Uri uri) =>
        uri.IsAbsoluteUri
        && string.Equals(uri.Scheme, options.Endpoint.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, options.Endpoint.IdnHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == options.Endpoint.Port;

    /// <summary>Whether a request to <paramref name="uri"/> may carry the registry's Authorization header.</summary>
    public bool MayAuthorize(Uri? uri) => uri is not null && IsRegistry(uri) && IsConfidential(uri);

    /// <summary>Whether the token realm (already known to be confidential) may receive the credentials.</summary>
    public bool MaySendCredentialsToRealm(Uri realm) =>
        string.Equals(realm.IdnHost, options.Endpoint.IdnHost, StringComparison.OrdinalIgnoreCase)
            || options.TokenRealmHosts.Contains(realm.IdnHost, StringComparer.OrdinalIgnoreCase);

    /// <summary>https anywhere, plain http only where nothing leaves the machine.</summary>
    public static bool IsConfidential(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
}
