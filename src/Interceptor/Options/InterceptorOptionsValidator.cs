using FluentValidation;
using Interceptor.Api;
using Microsoft.Extensions.Options;

namespace Interceptor.Options;

/// <summary>The rules an operator's configuration must meet; checked once at start-up.</summary>
public sealed class InterceptorOptionsValidator : AbstractValidator<InterceptorOptions>
{
    public InterceptorOptionsValidator()
    {
        RuleFor(o => o.Webhook.Port).InclusiveBetween(0, 65535);
        RuleFor(o => o.Health.Port).InclusiveBetween(0, 65535);
        RuleFor(o => o.Health.Port).NotEqual(o => o.Webhook.Port).When(o => o.Webhook.Port != 0)
            .WithMessage("Health.Port must differ from Webhook.Port: probes and metrics are served over plain HTTP, reviews over HTTPS.");
        RuleFor(o => o.Webhook.BindAddress).Must(BeBindable).WithMessage("Webhook.BindAddress must be '*' or an IP address.");
        RuleFor(o => o.Health.BindAddress).Must(BeBindable).WithMessage("Health.BindAddress must be '*' or an IP address.");
        RuleFor(o => o.Webhook.CertificateDirectory).NotEmpty();
        RuleFor(o => o.Webhook.CertificateReloadInterval).InclusiveBetween(TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        RuleFor(o => o.Webhook.CertificateExpiryMargin).InclusiveBetween(TimeSpan.Zero, TimeSpan.FromDays(30))
            .WithMessage("Webhook.CertificateExpiryMargin must be between 0 and 30 days: a longer margin would keep a freshly renewed certificate unready.");
        RuleFor(o => o.Webhook.MaxRequestBodyBytes).InclusiveBetween(4 * 1024, 16 * 1024 * 1024);
        RuleFor(o => o.Kubernetes.RequestTimeout).InclusiveBetween(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30));
        RuleFor(o => o.Kubernetes.WatchTimeout).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        RuleFor(o => o.Kubernetes.WatchIdleTimeout).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1))
            .WithMessage("Kubernetes.WatchIdleTimeout must be between 1 second and 1 hour (the API server sends a bookmark about every minute).");
        RuleFor(o => o.Kubernetes.Host).Must(h => Uri.TryCreate(h, UriKind.Absolute, out var u) && u.Scheme is "http" or "https")
            .When(o => !string.IsNullOrEmpty(o.Kubernetes.Host)).WithMessage("Kubernetes.Host must be an absolute http(s) URL.");
        RuleFor(o => o.Kubernetes.Kubeconfig).Must(File.Exists)
            .When(o => !string.IsNullOrEmpty(o.Kubernetes.Kubeconfig)).WithMessage(o => $"Kubernetes.Kubeconfig: no file at '{o.Kubernetes.Kubeconfig}'.");
        RuleFor(o => o.Migration.PickupTimeout).InclusiveBetween(TimeSpan.FromSeconds(10), TimeSpan.FromHours(24));
        RuleFor(o => o.Migration.DefaultOnFailure).Must(FailurePolicies.IsKnown)
            .WithMessage($"Migration.DefaultOnFailure must be {FailurePolicies.Evict} or {FailurePolicies.Block}.");
        RuleFor(o => o.Role).Must(InterceptorRoles.IsKnown)
            .WithMessage($"Role must be {InterceptorRoles.Webhook} or {InterceptorRoles.Agent}.");
        When(o => o.Role == InterceptorRoles.Webhook && o.Controller.Enabled, () => RuleFor(o => o.Controller).SetValidator(new ControllerOptionsValidator()));
        When(o => o.Role == InterceptorRoles.Agent, () => RuleFor(o => o.Agent).SetValidator(new AgentOptionsValidator()));
    }

    private static bool BeBindable(string address) => address == "*" || System.Net.IPAddress.TryParse(address, out _);
}

/// <summary>Runs <see cref="InterceptorOptionsValidator"/> through the options system, so ValidateOnStart stops a bad configuration.</summary>
public sealed class FluentOptionsValidation(IValidator<InterceptorOptions> validator) : IValidateOptions<InterceptorOptions>
{
    public ValidateOptionsResult Validate(string? name, InterceptorOptions options)
    {
        var result = validator.Validate(options);
        return result.IsValid
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(result.Errors.Select(e => $"{InterceptorOptions.Section}:{e.PropertyName}: {e.ErrorMessage}"));
    }
}
