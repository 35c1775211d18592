using Interceptor.Api;

namespace Interceptor.Options;

/// <summary>
/// All settings, bound from the <c>Interceptor</c> configuration section (appsettings.json, environment
/// variables such as <c>Interceptor__Webhook__Port</c>, or command-line <c>--Interceptor:Webhook:Port=</c>).
/// Validated at start-up: a bad value stops the process with a clear message instead of failing later.
/// </summary>
public sealed class InterceptorOptions
{
    public const string Section = "Interceptor";

    /// <summary>Which part of the product this process is: <c>webhook</c> (the Deployment) or <c>agent</c> (the DaemonSet).</summary>
    public string Role { get; set; } = InterceptorRoles.Webhook;

    public WebhookOptions Webhook { get; set; } = new();
    public HealthOptions Health { get; set; } = new();
    public KubernetesOptions Kubernetes { get; set; } = new();
    public MigrationOptions Migration { get; set; } = new();
    public ControllerOptions Controller { get; set; } = new();
    public AgentOptions Agent { get; set; } = new();
}

public sealed class WebhookOptions
{
    /// <summary>HTTPS port for admission reviews.</summary>
    public int Port { get; set; } = 8443;

    /// <summary>Address to bind: <c>*</c> for every interface (in a pod), or an IP such as <c>127.0.0.1</c>.</summary>
    public string BindAddress { get; set; } = "*";

    /// <summary>Directory holding <c>tls.crt</c> and <c>tls.key</c> (a mounted kubernetes.io/tls Secret).</summary>
    public string CertificateDirectory { get; set; } = "/etc/interceptor/tls";

    /// <summary>How often the certificate files are checked for a rotated pair.</summary>
    public TimeSpan CertificateReloadInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Readiness fails once the served certificate expires within this margin: a replica that missed a rotation
    /// leaves the Service (the others keep serving) and an alert fires before evictions start to go through
    /// unmigrated. A day is far inside any working renewal: cert-manager renews at a third of the lifetime before
    /// expiry (30 days for its default 90), and the kubelet refreshes a Secret volume within minutes.
    /// Keep it below the issuer's renew-before; zero means readiness fails only at expiry.
    /// </summary>
    public TimeSpan CertificateExpiryMargin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Largest AdmissionReview accepted; an eviction review is a few KiB.</summary>
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;
}

public sealed class HealthOptions
{
    /// <summary>Plain-HTTP port for /healthz, /readyz and /metrics, kept apart from the webhook port.</summary>
    public int Port { get; set; } = 8080;

    public string BindAddress { get; set; } = "*";
}

public sealed class KubernetesOptions
{
    /// <summary>Path of a kubeconfig; empty means in-cluster (service account) configuration.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>An API server URL to use without credentials (local simulators and tests); overrides the others.</summary>
    public string? Host { get; set; }

    /// <summary>
    /// Bound on each API call made while answering an admission review. The API server gives the webhook
    /// only its timeoutSeconds (3 s in the shipped configuration); past this we allow the eviction (fail open).
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Server-side timeout of each cache watch before it is re-established.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Client-side bound on a silent cache watch (or LIST page): with nothing received for this long, not even a
    /// bookmark, the watch is cancelled and resumed from the last resourceVersion. A half-open connection never ends
    /// otherwise, since the server's <see cref="WatchTimeout"/> cannot reach us through it. The real API server sends
    /// a bookmark about every minute to watches that ask (the caches do), so two minutes is two missed bookmarks, not
    /// a quiet cluster; a false alarm costs one watch request, never a relist. A cache is reported unready once
    /// out of touch for twice this. On an API server that sends no bookmarks, set it above <see cref="WatchTimeout"/>.
    /// </summary>
    public TimeSpan WatchIdleTimeout { get; set; } = TimeSpan.FromMinutes(2);
}

public sealed class MigrationOptions
{
    /// <summary>Failure policy for pods without the <c>interceptor.dev/on-failure</c> annotation.</summary>
    public string DefaultOnFailure { get; set; } = FailurePolicies.Evict;

    /// <summary>
    /// A PodMigration that no controller has given a phase within this time counts as failed, and its pod's failure
    /// policy answers the eviction. Keeps drains from waiting forever when the controller is down.
    /// IMPORTANT: shorter than cluster-autoscaler's 2-minute eviction budget (--max-pod-eviction-time), so a drain by the
    /// autoscaler still gets a normal eviction (by policy) when no controller runs, instead of giving up on the node.
    /// </summary>
    public TimeSpan PickupTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
