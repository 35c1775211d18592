namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// How the agent reaches its own node's kubelet. The defaults fit an agent DaemonSet pod that calls
/// <c>https://127.0.0.1:10250</c> with its projected service-account token and RBAC
/// <c>create</c> on <c>nodes/checkpoint</c>.
/// </summary>
public sealed record KubeletClientOptions
{
    public static readonly Uri DefaultBaseAddress = new("https://127.0.0.1:10250/");

    /// <summary>Where Kubernetes mounts a pod's service-account token.</summary>
    public const string DefaultTokenPath = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /// <summary>The kubelet's <c>&lt;--root-dir&gt;/checkpoints</c> with the default root directory.</summary>
    public const string DefaultCheckpointDirectory = "/var/lib/kubelet/checkpoints";

    public static KubeletClientOptions Default { get; } = new();

    /// <summary>
    /// The kubelet, or any prefix that serves its API (an API server's
    /// <c>/api/v1/nodes/{node}/proxy/</c> works too, with different RBAC).
    /// </summary>
    public Uri BaseAddress { get; init; } = DefaultBaseAddress;

    /// <summary>
    /// The bearer token file, read on every attempt because projected tokens rotate (the kubelet
    /// rewrites the file well before expiry). Null sends no Authorization header.
    /// </summary>
    public string? TokenPath { get; init; } = DefaultTokenPath;

    /// <summary>The directory the kubelet writes archives to; a reported path must be directly inside it.</summary>
    public string CheckpointDirectory { get; init; } = DefaultCheckpointDirectory;

    /// <summary>
    /// PEM file of the CA(s) that issued the kubelet's serving certificate. Kubelet serving certs
    /// are often self-signed (no <c>serverTLSBootstrap</c>); then this is that certificate itself.
    /// Null verifies against the system roots. Read once, when the handler is created.
    /// </summary>
    public string? CertificateAuthorityPath { get; init; }

    /// <summary>
    /// Accept any serving certificate. Off by default and never combined with a CA file: it lets
    /// anyone who can answer on the kubelet's address receive the agent's token. Meant for
    /// development clusters whose kubelets serve an unverifiable self-signed certificate.
    /// </summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>
    /// The name the serving certificate must carry instead of the host in <see cref="BaseAddress"/>.
    /// A kubelet's certificate names the node (hostname, node IPs), not 127.0.0.1, so an agent on
    /// loopback sets this to its node name.
    /// </summary>
    public string? TlsServerName { get; init; }

    /// <summary>Added to the checkpoint timeout to get the deadline of the whole call, retries included: kubelet and HTTP overhead.</summary>
    public TimeSpan TimeoutMargin { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Requests sent at most per call, the first included (1 turns retries off).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>First retry delay; later ones double, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest response body read; a real one is a path of about 150 bytes.</summary>
    public int MaxResponseBytes { get; init; } = 64 * 1024;

    /// <summary>Throws when the options cannot work, so a misconfiguration fails at start-up rather than on the first migration.</summary>
    public KubeletClientOptions Validated()
    {
        ArgumentNullException.ThrowIfNull(BaseAddress);
        if (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("BaseAddress must be an absolute http(s) URI.", nameof(BaseAddress));
        }

        if (string.IsNullOrEmpty(CheckpointDirectory) || CheckpointDirectory[0] != '/')
        {
            throw new ArgumentException("CheckpointDirectory must be an absolute path.", nameof(CheckpointDirectory));
        }

        if (InsecureSkipTlsVerify && CertificateAuthorityPath is not null)
        {
            throw new ArgumentException("InsecureSkipTlsVerify and CertificateAuthorityPath contradict each other; set one.", nameof(InsecureSkipTlsVerify));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(TimeoutMargin, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxAttempts, 10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryBaseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryMaxDelay, RetryBaseDelay);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxResponseBytes);
        return this;
    }
}
