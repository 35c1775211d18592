using System.Text.Json;
using System.Text.Json.Nodes;
using Interceptor.Admission;
using Interceptor.Tests.Support;
using Xunit;

namespace Interceptor.Tests.Admission;

/// <summary>The one validator of the flattened review: every broken rule named, nothing extra, dry-run from both markers.</summary>
public sealed class EvictionReviewValidatorTests
{
    private readonly EvictionReviewValidator _validator = new();

    [Fact]
    public void A_well_formed_review_is_valid_and_distills_to_what_the_decision_needs()
    {
        var input = Input(AdmissionReviews.Eviction("shop", "web-0", bodyDryRun: true, preconditionUid: "uid-1"));

        Assert.True(_validator.Validate(input).IsValid);
        var review = input.ToReview();
        Assert.Equal(("shop", "web-0", true, "uid-1"), (review.Namespace, review.PodName, review.DryRun, review.PreconditionUid));
        Assert.Equal("system:serviceaccount:kube-system:cluster-autoscaler", review.RequestedBy);
    }

    [Fact]
    public void A_review_without_a_request_is_one_error_not_one_per_request_field()
    {
        var review = AdmissionReviews.Eviction("shop", "web-0");
        review.Remove("request");

        var errors = Errors(Input(review));

        Assert.Equal(["request is required"], errors);
    }

    [Fact]
    public void Every_broken_rule_of_the_request_and_its_eviction_is_named()
    {
        var review = AdmissionReviews.Eviction("shop", "web-0");
        var request = review["request"]!.AsObject();
        request["operation"] = "DELETE";
        request["subResource"] = "status";
        var eviction = request["object"]!.AsObject();
        eviction["kind"] = "DeleteOptions";
        eviction["metadata"] = new JsonObject { ["name"] = "another-pod" };
        eviction["deleteOptions"] = new JsonObject { ["dryRun"] = new JsonArray("Some") };

        var errors = Errors(Input(review));

        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.Contains("request.operation", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("request.subResource", StringComparison.Ordinal));
        Assert.Contains("request.object.kind must be Eviction", errors);
        Assert.Contains("request.object.metadata.name must match request.name", errors);
        Assert.Contains("deleteOptions.dryRun values must be All", errors);
    }

    [Fact]
    public void A_request_without_its_eviction_is_refused()
    {
        var review = AdmissionReviews.Eviction("shop", "web-0");
        review["request"]!.AsObject().Remove("object");

        Assert.Equal(["request.object must hold the Eviction"], Errors(Input(review)));
    }

    private List<string> Errors(EvictionReviewInput input) => _validator.Validate(input).Errors.Select(e => e.ErrorMessage).ToList();

    private static EvictionReviewInput Input(JsonObject review) =>
        EvictionReviewInput.From(JsonSerializer.Deserialize<AdmissionReview>(review.ToJsonString())!);
}
