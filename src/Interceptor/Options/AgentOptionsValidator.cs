using FluentValidation;
using Interceptor.Checkpoint.Kubelet;
using Interceptor.Checkpoint.Transfer;

namespace Interceptor.Options;

/// <summary>The agent role's settings, checked at start-up only when the role is agent.</summary>
public sealed class AgentOptionsValidator : AbstractValidator<AgentOptions>
{
    public AgentOptionsValidator()
    {
        RuleFor(a => a.NodeName).Must(KubeletNames.IsSubdomain)
            .WithMessage("Agent.NodeName (default: the NODE_NAME variable from the downward API) must be this node's name.");
        RuleFor(a => a.NodeIp).Must(ip => System.Net.IPAddress.TryParse(ip, out _)).When(a => string.IsNullOrEmpty(a.KubeletAddress))
            .WithMessage("Agent.NodeIp (default: NODE_IP from the downward API, status.hostIP) must be an IP address, or Agent.KubeletAddress must be set.");
        RuleFor(a => a.KubeletAddress).Must(BeHttpUrl).When(a => !string.IsNullOrEmpty(a.KubeletAddress))
            .WithMessage("Agent.KubeletAddress must be an absolute http(s) URL.");
        RuleFor(a => a.KubeletCertificateAuthorityPath).Must(File.Exists).When(a => !string.IsNullOrEmpty(a.KubeletCertificateAuthorityPath))
            .WithMessage(a => $"Agent.KubeletCertificateAuthorityPath: no file at '{a.KubeletCertificateAuthorityPath}'.");
        RuleFor(a => a.KubeletInsecureSkipTlsVerify).Equal(false).When(a => !string.IsNullOrEmpty(a.KubeletCertificateAuthorityPath))
            .WithMessage("Agent.KubeletInsecureSkipTlsVerify contradicts Agent.KubeletCertificateAuthorityPath; set one.");
        RuleFor(a => a.KubeletCheckpointDirectory).Must(BeAbsolute).WithMessage("Agent.KubeletCheckpointDirectory must be an absolute path.");
        RuleFor(a => a.LocalCheckpointDirectory).Must(BeAbsolute).When(a => !string.IsNullOrEmpty(a.LocalCheckpointDirectory))
            .WithMessage("Agent.LocalCheckpointDirectory must be an absolute path.");
        RuleFor(a => a.CheckpointTimeout).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30));
        RuleFor(a => a.KubeletTimeoutMargin).InclusiveBetween(TimeSpan.Zero, TimeSpan.FromMinutes(5));
        RuleFor(a => a.Transport).Must(t => t is RegistryCheckpointTransfer.TransportKind or SharedVolumeCheckpointTransfer.TransportKind)
            .WithMessage(a => $"Agent.Transport '{a.Transport}' must be {RegistryCheckpointTransfer.TransportKind} or {SharedVolumeCheckpointTransfer.TransportKind}.");
        // Only the chosen transport's settings matter: an agent pushing to a registry has no shared volume, and the reverse.
        RuleFor(a => a.Registry).SetValidator(new AgentRegistryOptionsValidator()).When(a => a.Transport == RegistryCheckpointTransfer.TransportKind);
        RuleFor(a => a.SharedVolumePath).Must(BeAbsolute).When(a => a.Transport == SharedVolumeCheckpointTransfer.TransportKind)
            .WithMessage("Agent.SharedVolumePath must be an absolute path.");
        RuleFor(a => a.ResyncInterval).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        RuleFor(a => a.MaxConcurrentMigrations).InclusiveBetween(1, 16);
    }

    private static bool BeAbsolute(string? path) => !string.IsNullOrEmpty(path) && Path.IsPathFullyQualified(path);

    private static bool BeHttpUrl(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https";
}
