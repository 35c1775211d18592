using Interceptor.Checkpoint.Kubelet;
using Interceptor.Checkpoint.Transfer;

namespace Interceptor.Options;

/// <summary>
/// Settings of the agent role (<c>Interceptor:Role=agent</c>): the DaemonSet that checkpoints the pods leaving
/// its node. <see cref="NodeName"/> and <see cref="NodeIp"/> default to the downward-API variables
/// <c>NODE_NAME</c> and <c>NODE_IP</c>.
/// </summary>
public sealed class AgentOptions
{
    /// <summary>This node: the agent acts only on PodMigrations whose spec.sourceNode is this name.</summary>
    public string? NodeName { get; set; }

    /// <summary>This node's IP (status.hostIP), for the default kubelet address; a pod network cannot reach the node's 127.0.0.1.</summary>
    public string? NodeIp { get; set; }

    /// <summary>The kubelet's API; empty means <c>https://{NodeIp}:10250/</c>.</summary>
    public string? KubeletAddress { get; set; }

    /// <summary>PEM CA of the kubelet's serving certificate; empty verifies against the system roots.</summary>
    public string? KubeletCertificateAuthorityPath { get; set; }

    /// <summary>Development clusters only: accept any kubelet certificate (the token then goes to whoever answers).</summary>
    public bool KubeletInsecureSkipTlsVerify { get; set; }

    /// <summary>The projected service-account token sent to the kubelet; empty sends none (tests).</summary>
    public string? TokenPath { get; set; } = KubeletClientOptions.DefaultTokenPath;

    /// <summary>The kubelet's checkpoint directory as the kubelet reports paths in it.</summary>
    public string KubeletCheckpointDirectory { get; set; } = KubeletClientOptions.DefaultCheckpointDirectory;

    /// <summary>Where that directory is mounted in the agent's container; empty means the same path.</summary>
    public string? LocalCheckpointDirectory { get; set; }

    /// <summary>The <c>timeout</c> given to the kubelet for one container's checkpoint.</summary>
    public TimeSpan CheckpointTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Added to <see cref="CheckpointTimeout"/> for the whole kubelet call, retries included.</summary>
    public TimeSpan KubeletTimeoutMargin { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How checkpoints leave the node: <c>registry</c> (the default, DESIGN section 6: an OCI checkpoint image
    /// per container, settings in <see cref="Registry"/>) or <c>shared-volume</c> (<see cref="SharedVolumePath"/>).
    /// </summary>
    public string Transport { get; set; } = RegistryCheckpointTransfer.TransportKind;

    /// <summary>The registry transport's settings; read and checked only when <see cref="Transport"/> is <c>registry</c>.</summary>
    public AgentRegistryOptions Registry { get; set; } = new();

    /// <summary>Mount point of the ReadWriteMany volume shared by all agents (the <c>shared-volume</c> transport).</summary>
    public string SharedVolumePath { get; set; } = "/var/lib/interceptor/checkpoints";

    /// <summary>Every migration on this node is looked at again this often, whatever the watch delivered.</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Migrations worked on at once (each checkpoints its containers in parallel).</summary>
    public int MaxConcurrentMigrations { get; set; } = 2;

    /// <summary>The kubelet client's options, from these settings.</summary>
    public KubeletClientOptions ToKubeletOptions() => new()
    {
        BaseAddress = new Uri(string.IsNullOrEmpty(KubeletAddress) ? $"https://{NodeIpForUri}:10250/" : KubeletAddress),
        TokenPath = string.IsNullOrEmpty(TokenPath) ? null : TokenPath,
        CheckpointDirectory = KubeletCheckpointDirectory,
        CertificateAuthorityPath = string.IsNullOrEmpty(KubeletCertificateAuthorityPath) ? null : KubeletCertificateAuthorityPath,
        InsecureSkipTlsVerify = KubeletInsecureSkipTlsVerify,
        TlsServerName = NodeName,
        TimeoutMargin = KubeletTimeoutMargin,
    };

    // An IPv6 node IP needs brackets in a URI.
    private string? NodeIpForUri => NodeIp is not null && NodeIp.Contains(':', StringComparison.Ordinal) ? $"[{NodeIp}]" : NodeIp;
}
