namespace Interceptor.Simulator.Admission;

/// <summary>
/// How the server reaches the validating webhooks registered as ValidatingWebhookConfiguration objects.
/// A webhook with <c>clientConfig.url</c> is called there; one with <c>clientConfig.service</c> needs
/// <see cref="ResolveService"/>, because there is no cluster DNS behind the fake server.
/// </summary>
public sealed class AdmissionWebhooks
{
    /// <summary>
    /// Maps a webhook's service (namespace, name, port) to the base address to call, e.g.
    /// <c>(ns, name, port) =&gt; new Uri("https://127.0.0.1:8443")</c>; the service <c>path</c> is appended.
    /// TLS still checks the certificate for <c>{name}.{namespace}.svc</c>, as the real server does.
    /// Unset, a service webhook fails like one whose service has no endpoints.
    /// </summary>
    public Func<string, string, int, Uri>? ResolveService { get; set; }

    /// <summary>The caller the server reports in <c>userInfo</c> when a request carries no Impersonate-User header.</summary>
    public AdmissionUser DefaultUser { get; set; } =
        new("kubernetes-admin", ["kubeadm:cluster-admins", "system:authenticated"]);
}

/// <summary>An AdmissionReview's <c>request.userInfo</c> (authentication/v1 UserInfo).</summary>
public sealed record AdmissionUser(string Username, IReadOnlyList<string> Groups)
{
    public string Uid { get; init; } = "";

    /// <summary>
    /// What the authenticator adds, e.g. a pod-bound service-account token carries
    /// <c>authentication.kubernetes.io/node-name</c> (1.30+, ServiceAccountTokenPodNodeInfo).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extra { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
