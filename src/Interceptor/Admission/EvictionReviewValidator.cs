using FluentValidation;

namespace Interceptor.Admission;

/// <summary>
/// What an AdmissionReview must be for this endpoint: a v1 review of a pods/eviction CREATE carrying a policy/v1
/// (or v1beta1) Eviction of the named pod. Anything else is a misrouted or forged request and is refused with 400
/// naming every broken rule. The rules shared with the other endpoints are in <see cref="AdmissionEnvelopeValidator{TObject}"/>.
/// </summary>
public sealed class EvictionReviewValidator : AbstractValidator<EvictionReviewInput>
{
    public EvictionReviewValidator()
    {
        Include(new AdmissionEnvelopeValidator<EvictionBody>());
        RuleFor(r => r.SubResource).Equal("eviction").When(r => r.HasRequest).WithName("request.subResource");
        RuleFor(r => r.RequestKind).Must(k => k is { Group: "policy", Version: "v1" or "v1beta1", Kind: EvictionBody.EvictionKind })
            .When(r => r.HasRequest).WithName("request.kind").WithMessage("request.kind must be policy/v1 or policy/v1beta1 Eviction");
        RuleFor(r => r.Name).NotEmpty().MaximumLength(253).Must(KubeNames.IsDnsSubdomain).When(r => r.HasRequest)
            .WithName("request.name").WithMessage("request.name must be a pod name (DNS subdomain)");
        RuleFor(r => r.Eviction).NotNull().When(r => r.HasRequest).WithName("request.object").WithMessage("request.object must hold the Eviction");

        // The Eviction itself (request.object), checked against its review.
        RuleFor(r => r.Eviction!.ApiVersion).Must(v => v is null or EvictionBody.PolicyV1 or EvictionBody.PolicyV1Beta1)
            .When(r => r.Eviction is not null)
            .WithName("request.object.apiVersion").WithMessage("request.object.apiVersion must be policy/v1 or policy/v1beta1");
        RuleFor(r => r.Eviction!.Kind).Must(k => k is null or EvictionBody.EvictionKind).When(r => r.Eviction is not null)
            .WithName("request.object.kind").WithMessage("request.object.kind must be Eviction");
        RuleFor(r => r.Eviction!.Metadata!.Name).Must((r, name) => name is null || name == r.Name)
            .When(r => r.Eviction?.Metadata is not null)
            .WithName("request.object.metadata.name").WithMessage("request.object.metadata.name must match request.name");
        RuleForEach(r => r.Eviction!.DeleteOptions!.DryRun).Equal("All").When(r => r.Eviction?.DeleteOptions?.DryRun is not null)
            .WithName("request.object.deleteOptions.dryRun").WithMessage("deleteOptions.dryRun values must be All");
        RuleFor(r => r.Eviction!.DeleteOptions!.Preconditions!.Uid).MaximumLength(128).When(r => r.Eviction?.DeleteOptions?.Preconditions is not null)
            .WithName("request.object.deleteOptions.preconditions.uid");
    }
}
