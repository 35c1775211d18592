namespace Interceptor.Checkpoint.Kubelet;

/// <summary>Makes the <see cref="HttpClient"/> a <see cref="KubeletCheckpointClient"/> needs to reach a kubelet.</summary>
public static class KubeletHttpClient
{
    /// <summary>
    /// An HttpClient with TLS verification per <paramref name="options"/>, no redirects (a redirect
    /// would carry the request, and with some handlers the token, elsewhere), no proxy (the kubelet
    /// is on the node; a proxy from the environment must not see the token), and no HttpClient
    /// timeout: the pipeline's deadline bounds each call, and a checkpoint may take minutes.
    /// </summary>
    public static HttpClient Create(KubeletClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validated();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            SslOptions = { RemoteCertificateValidationCallback = KubeletServerCertificate.CreateValidator(options) },
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
