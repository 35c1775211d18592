using FluentValidation;

namespace Interceptor.Admission;

/// <summary>
/// The rules every review this service admits shares: a v1 AdmissionReview of a CREATE on core-group pods, in a
/// named namespace, with a UID to echo. Each endpoint's validator includes these and adds its own (subresource,
/// kind, object). Rules about the request apply only when there is one, so a missing request is one error.
/// </summary>
public sealed class AdmissionEnvelopeValidator<TObject> : AbstractValidator<AdmissionReviewInput<TObject>>
    where TObject : class
{
    public AdmissionEnvelopeValidator()
    {
        RuleFor(r => r.ApiVersion).Equal(AdmissionReview.V1).WithMessage($"apiVersion must be {AdmissionReview.V1}");
        RuleFor(r => r.Kind).Equal(AdmissionReview.ReviewKind).WithMessage($"kind must be {AdmissionReview.ReviewKind}");
        RuleFor(r => r.HasRequest).Equal(true).WithMessage("request is required");

        RuleFor(r => r.Uid).NotEmpty().MaximumLength(128).When(r => r.HasRequest).WithName("request.uid");
        RuleFor(r => r.Operation).Equal("CREATE").When(r => r.HasRequest).WithName("request.operation");
        RuleFor(r => r.Resource).Must(r => r is { Group: "", Resource: "pods" }).When(r => r.HasRequest)
            .WithName("request.resource").WithMessage("request.resource must be pods in the core group");
        RuleFor(r => r.Namespace).NotEmpty().MaximumLength(63).Must(KubeNames.IsDnsLabel).When(r => r.HasRequest)
            .WithName("request.namespace").WithMessage("request.namespace must be a namespace name (DNS label)");
        RuleFor(r => r.Username).MaximumLength(512).WithName("request.userInfo.username");
    }
}
