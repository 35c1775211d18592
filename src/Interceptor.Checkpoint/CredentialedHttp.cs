namespace Interceptor.Checkpoint;

/// <summary>
/// The HTTP set-up of every call that carries a credential (the kubelet's bearer token, registry credentials): one
/// place, so the kubelet and registry clients cannot drift apart on it.
/// </summary>
internal static class CredentialedHttp
{
    /// <summary>
    /// No redirects (following one would carry the request, and with some handlers the credential, elsewhere), no
    /// proxy from the environment (it would see the credential), a bounded connect.
    /// </summary>
    public static SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>No HttpClient timeout: each call's pipeline bounds its attempts, and a checkpoint or a push may take minutes.</summary>
    public static HttpClient Client(SocketsHttpHandler handler) => new(handler) { Timeout = Timeout.InfiniteTimeSpan };
}
