using Interceptor.Diagnostics;
using Interceptor.Kube;
using Interceptor.Options;
using Microsoft.Extensions.Options;

namespace Interceptor.Admission;

/// <summary>
/// Answers one pod CREATE review: the namespace's opt-in label when the pod does not decide alone (cache first),
/// then <see cref="PodMutation"/>. No side effects, so a dry run gets the same answer. IMPORTANT: any failure of our
/// own answers "allowed, unchanged" with a warning: a broken interceptor must never block a pod from being created.
/// </summary>
public sealed class PodAdmissionHandler(
    NamespaceOptInLabels namespaces, InterceptorMetrics metrics, IOptions<InterceptorOptions> options, ILogger<PodAdmissionHandler> logger)
{
    public async Task<AdmissionResponse> ReviewAsync(PodReview review, CancellationToken requestAborted)
    {
        using var deadline = new ApiDeadline(requestAborted, options.Value.Kubernetes.RequestTimeout);
        try
        {
            var namespaceLabel = PodMutation.NeedsNamespaceLabel(review.Pod)
                ? await namespaces.MigrateLabelAsync(review.Namespace, deadline).ConfigureAwait(false)
                : null;
            var decision = PodMutation.Decide(review.Pod, namespaceLabel);
            Record(review, decision);
            return decision.Patch is { } patch ? AdmissionResponses.Patched(review.ReviewUid, patch) : AdmissionResponses.Allowed(review.ReviewUid);
        }
        catch (Exception e) when (!requestAborted.IsCancellationRequested)
        {
            return FailOpen(review, e);
        }
    }

    private void Record(PodReview review, PodMutationDecision decision)
    {
        metrics.RecordMutation(decision.Reason);
        // Information only for a pod we changed; the skips repeat for every pod of every opted-in namespace.
        var level = decision.Reason == MutationReasons.GateAdded ? LogLevel.Information : LogLevel.Debug;
        logger.Log(level, "Pod {Namespace}/{Pod} create {Reason} (review {ReviewUid}, dry run {DryRun}, by {RequestedBy})",
            review.Namespace, review.PodName, decision.Reason, review.ReviewUid, review.DryRun, review.RequestedBy);
    }

    private AdmissionResponse FailOpen(PodReview review, Exception e)
    {
        var cause = KubeErrors.Cause(e);
        metrics.RecordMutation(MutationReasons.FailOpen);
        // A timeout or an API error is an expected operational event: its cause is enough. Anything else is our bug: keep the stack.
        logger.LogWarning(cause == "Internal" ? e : null,
            "Pod {Namespace}/{Pod} create {Reason}: could not decide ({Cause}: {Error}); created without the serving readiness gate (review {ReviewUid})",
            review.Namespace, review.PodName, MutationReasons.FailOpen, cause, e.Message, review.ReviewUid);
        return AdmissionResponses.Allowed(review.ReviewUid,
            [$"interceptor could not decide ({cause}): pod created without the {Api.PodConditionTypes.Serving} readiness gate; a live migration of it cannot switch traffic first"]);
    }
}
