using FluentValidation;

namespace Interceptor.Admission;

/// <summary>
/// What an AdmissionReview must be for the pod mutation: a v1 review of a pods CREATE (no subresource) carrying the
/// v1 Pod. The name may be empty (the pod uses generateName and is named after admission); the namespace is the
/// request's. A spec is required: the patch adds to it, and a patch that does not apply would fail the create.
/// Anything else is a misrouted or forged request and is refused with 400, which the API server treats as a failed
/// call (failurePolicy Ignore: the pod is created unchanged). Shared rules: <see cref="AdmissionEnvelopeValidator{TObject}"/>.
/// </summary>
public sealed class PodReviewValidator : AbstractValidator<PodReviewInput>
{
    public PodReviewValidator()
    {
        Include(new AdmissionEnvelopeValidator<PodBody>());
        RuleFor(r => r.SubResource).Empty().When(r => r.HasRequest).WithName("request.subResource");
        RuleFor(r => r.RequestKind).Must(k => k is { Group: "", Version: PodBody.CoreV1, Kind: PodBody.PodKind })
            .When(r => r.HasRequest).WithName("request.kind").WithMessage("request.kind must be v1 Pod");
        RuleFor(r => r.Name).Must(name => string.IsNullOrEmpty(name) || KubeNames.IsDnsSubdomain(name)).When(r => r.HasRequest)
            .WithName("request.name").WithMessage("request.name must be empty or a pod name (DNS subdomain)");
        RuleFor(r => r.Pod).NotNull().When(r => r.HasRequest).WithName("request.object").WithMessage("request.object must hold the Pod");

        // The Pod itself (request.object), checked against its review.
        RuleFor(r => r.Pod!.ApiVersion).Must(v => v is null or PodBody.CoreV1).When(r => r.Pod is not null)
            .WithName("request.object.apiVersion").WithMessage("request.object.apiVersion must be v1");
        RuleFor(r => r.Pod!.Kind).Must(k => k is null or PodBody.PodKind).When(r => r.Pod is not null)
            .WithName("request.object.kind").WithMessage("request.object.kind must be Pod");
        RuleFor(r => r.Pod!.Spec).NotNull().When(r => r.Pod is not null)
            .WithName("request.object.spec").WithMessage("request.object.spec is required");
        RuleFor(r => r.Pod!.Metadata!.Namespace).Must((r, ns) => string.IsNullOrEmpty(ns) || ns == r.Namespace)
            .When(r => r.Pod?.Metadata is not null)
            .WithName("request.object.metadata.namespace").WithMessage("request.object.metadata.namespace must match request.namespace");
        RuleFor(r => r.Pod!.Metadata!.GenerateName).MaximumLength(253).When(r => r.Pod?.Metadata is not null)
            .WithName("request.object.metadata.generateName");
    }
}
