using FluentValidation;

namespace Interceptor.Admission;

/// <summary>
/// What an AdmissionReview must be for this endpoint: a v1 review of a pods/eviction CREATE. Anything else is a
/// misrouted or forged request and is refused with 400 naming every broken rule.
/// </summary>
public sealed class AdmissionReviewValidator : AbstractValidator<AdmissionReview>
{
    public AdmissionReviewValidator()
    {
        RuleFor(r => r.ApiVersion).Equal(AdmissionReview.V1).WithMessage($"apiVersion must be {AdmissionReview.V1}");
        RuleFor(r => r.Kind).Equal(AdmissionReview.ReviewKind).WithMessage($"kind must be {AdmissionReview.ReviewKind}");
        RuleFor(r => r.Request).NotNull().WithMessage("request is required");
        When(r => r.Request is not null, () =>
        {
            RuleFor(r => r.Request!.Uid).NotEmpty().MaximumLength(128).WithName("request.uid");
            RuleFor(r => r.Request!.Operation).Equal("CREATE").WithName("request.operation");
            RuleFor(r => r.Request!.Resource).Must(r => r is { Group: "", Resource: "pods" })
                .WithName("request.resource").WithMessage("request.resource must be pods in the core group");
            RuleFor(r => r.Request!.SubResource).Equal("eviction").WithName("request.subResource");
            RuleFor(r => r.Request!.Kind).Must(k => k is { Group: "policy", Version: "v1" or "v1beta1", Kind: EvictionBody.EvictionKind })
                .WithName("request.kind").WithMessage("request.kind must be policy/v1 or policy/v1beta1 Eviction");
            RuleFor(r => r.Request!.Name).NotEmpty().MaximumLength(253).Must(KubeNames.IsDnsSubdomain)
                .WithName("request.name").WithMessage("request.name must be a pod name (DNS subdomain)");
            RuleFor(r => r.Request!.Namespace).NotEmpty().MaximumLength(63).Must(KubeNames.IsDnsLabel)
                .WithName("request.namespace").WithMessage("request.namespace must be a namespace name (DNS label)");
            RuleFor(r => r.Request!.UserInfo!.Username).MaximumLength(512).When(r => r.Request!.UserInfo is not null).WithName("request.userInfo.username");
            RuleFor(r => r.Request!.Object).Must(o => o is { ValueKind: System.Text.Json.JsonValueKind.Object })
                .WithName("request.object").WithMessage("request.object must hold the Eviction");
        });
    }
}

/// <summary>What the Eviction in <c>request.object</c> must be, checked against its review.</summary>
public sealed class EvictionBodyValidator : AbstractValidator<(EvictionBody Body, AdmissionRequest Request)>
{
    public EvictionBodyValidator()
    {
        RuleFor(x => x.Body.ApiVersion).Must(v => v is null or EvictionBody.PolicyV1 or EvictionBody.PolicyV1Beta1)
            .WithName("request.object.apiVersion").WithMessage("request.object.apiVersion must be policy/v1 or policy/v1beta1");
        RuleFor(x => x.Body.Kind).Must(k => k is null or EvictionBody.EvictionKind)
            .WithName("request.object.kind").WithMessage("request.object.kind must be Eviction");
        RuleFor(x => x.Body.Metadata!.Name).Must((x, name) => name is null || name == x.Request.Name)
            .When(x => x.Body.Metadata is not null)
            .WithName("request.object.metadata.name").WithMessage("request.object.metadata.name must match request.name");
        RuleForEach(x => x.Body.DeleteOptions!.DryRun).Equal("All").When(x => x.Body.DeleteOptions?.DryRun is not null)
            .WithName("request.object.deleteOptions.dryRun").WithMessage("deleteOptions.dryRun values must be All");
        RuleFor(x => x.Body.DeleteOptions!.Preconditions!.Uid).MaximumLength(128).When(x => x.Body.DeleteOptions?.Preconditions is not null)
            .WithName("request.object.deleteOptions.preconditions.uid");
    }
}
