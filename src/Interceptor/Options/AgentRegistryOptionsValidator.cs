using FluentValidation;
using Interceptor.Checkpoint.Registry;

namespace Interceptor.Options;

/// <summary>The registry transport's settings, checked only when <c>Agent.Transport</c> is <c>registry</c>.</summary>
public sealed class AgentRegistryOptionsValidator : AbstractValidator<AgentRegistryOptions>
{
    public AgentRegistryOptionsValidator()
    {
        RuleFor(r => r.Endpoint).NotEmpty()
            .WithMessage("Agent.Registry.Endpoint must be set to the registry checkpoint images are pushed to, https://host[:port] "
                + "(manifests: the ConfigMap interceptor-agent), or Agent.Transport set to shared-volume.");
        RuleFor(r => r.Endpoint).Must(BeRegistryEndpoint).When(r => !string.IsNullOrEmpty(r.Endpoint))
            .WithMessage(r => $"Agent.Registry.Endpoint '{r.Endpoint}' must be https://host[:port] with no path; plain http is accepted for a loopback registry only.");
        RuleFor(r => r.Repository).Must(RegistryNames.IsRepository)
            .WithMessage(r => $"Agent.Registry.Repository '{r.Repository}' is not a repository name (lowercase path components, e.g. {AgentRegistryOptions.DefaultRepository}).");
        RuleFor(r => r.ReferenceHost).Must(BeHostAndPort).When(r => !string.IsNullOrEmpty(r.ReferenceHost))
            .WithMessage(r => $"Agent.Registry.ReferenceHost '{r.ReferenceHost}' must be host[:port], as image references name a registry.");
        RuleFor(r => r.CertificateAuthorityPath).Must(File.Exists).When(r => !string.IsNullOrEmpty(r.CertificateAuthorityPath))
            .WithMessage(r => $"Agent.Registry.CertificateAuthorityPath: no file at '{r.CertificateAuthorityPath}'.");
        RuleFor(r => r.UsernameFile).Must((r, user) => string.IsNullOrEmpty(user) == string.IsNullOrEmpty(r.PasswordFile))
            .WithMessage("Agent.Registry.UsernameFile and Agent.Registry.PasswordFile go together: set both (files from a Secret) or neither (anonymous).");
        RuleFor(r => r.UsernameFile).Must(BeNonEmptyFile).When(r => !string.IsNullOrEmpty(r.UsernameFile))
            .WithMessage(r => $"Agent.Registry.UsernameFile: no file, or an empty one, at '{r.UsernameFile}'.");
        RuleFor(r => r.PasswordFile).Must(BeNonEmptyFile).When(r => !string.IsNullOrEmpty(r.PasswordFile))
            .WithMessage(r => $"Agent.Registry.PasswordFile: no file, or an empty one, at '{r.PasswordFile}'.");
        RuleForEach(r => r.TokenRealmHosts).Must(host => Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6)
            .WithMessage((_, host) => $"Agent.Registry.TokenRealmHosts: '{host}' is not a host name (no scheme, port or path).");
        RuleFor(r => r.Compression).IsInEnum()
            .WithMessage("Agent.Registry.Compression must be Zstd, Gzip or None.");
        RuleFor(r => r.ChunkSizeBytes).InclusiveBetween(64 * 1024, 64 * 1024 * 1024)
            .WithMessage("Agent.Registry.ChunkSizeBytes must be between 64 KiB and 64 MiB (the push holds two chunks in memory).");
    }

    // Plain http carries the pushed memory and the credentials unencrypted: only where nothing leaves the host.
    private static bool BeRegistryEndpoint(string? endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.UserInfo.Length == 0;

    private static bool BeHostAndPort(string? host) =>
        Uri.TryCreate($"https://{host}/", UriKind.Absolute, out var uri)
        && string.Equals(uri.Authority, host, StringComparison.OrdinalIgnoreCase) && uri.UserInfo.Length == 0;

    private static bool BeNonEmptyFile(string? path) => new FileInfo(path!) is { Exists: true, Length: > 0 };
}
