namespace Interceptor.Checkpoint.Kubelet;

/// <summary>Makes the <see cref="HttpClient"/> a <see cref="KubeletCheckpointClient"/> needs to reach a kubelet.</summary>
public static class KubeletHttpClient
{
    /// <summary>
    /// An HttpClient with TLS verification per <paramref name="options"/>, set up as every credentialed call is
    /// (<see cref="CredentialedHttp"/>: no redirects, no proxy, no HttpClient timeout).
    /// </summary>
    public static HttpClient Create(KubeletClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validated();
        var handler = CredentialedHttp.Handler();
        handler.PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30);
        handler.SslOptions.RemoteCertificateValidationCallback = KubeletServerCertificate.CreateValidator(options);
        return CredentialedHttp.Client(handler);
    }
}
