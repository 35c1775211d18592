using Interceptor.Diagnostics;
using Interceptor.Options;
using Interceptor.Kube;
using Microsoft.Extensions.Options;

namespace Interceptor.Admission;

/// <summary>
/// Answers one eviction review: gather (<see cref="EvictionObserver"/>), decide (<see cref="EvictionGuardChain"/>),
/// check (<see cref="CheckAsync"/>: the API server's word before an allow or a create that cached facts gave),
/// act (ensure the PodMigration, unless dry-run). IMPORTANT: any failure of our own fails open (allow): a broken
/// or slow interceptor must never wedge a drain. The slow work (the migration itself) happens in the controller.
/// </summary>
public sealed class EvictionAdmissionHandler(
    EvictionObserver observer,
    EvictionGuardChain chain,
    PodMigrationWriter writer,
    EventRecorder events,
    InterceptorMetrics metrics,
    IOptions<InterceptorOptions> options,
    ILogger<EvictionAdmissionHandler> logger)
{
    public async Task<AdmissionResponse> ReviewAsync(EvictionReview review, CancellationToken requestAborted)
    {
        using var deadline = new ApiDeadline(requestAborted, options.Value.Kubernetes.RequestTimeout);
        try
        {
            var cached = await observer.ObserveAsync(review, deadline).ConfigureAwait(false);
            var (observation, checkedDecision) = await CheckAsync(cached, chain.Decide(cached), deadline).ConfigureAwait(false);
            var decision = await ActAsync(checkedDecision, observation, deadline).ConfigureAwait(false);
            Record(review, decision);
            return AdmissionResponses.For(review.ReviewUid, decision);
        }
        catch (Exception e) when (!requestAborted.IsCancellationRequested)
        {
            return FailOpen(review, e);
        }
    }

    /// <summary>
    /// The cache can lag (a pod just recreated, a migration just changed). Two decisions are worth an API read, and
    /// only for opted-in pods: letting an opted-in pod go without its state (confirm the facts with one GET of the
    /// pod, and of the migration when the decision rests on it, then decide again on them), and creating a migration
    /// while the cache knows none for the pod (one LIST: a user may have created one under another name).
    /// Denials on cached facts are never re-read: the drain retries in 5 s, and a stale denial costs one retry.
    /// </summary>
    private async Task<(EvictionObservation, EvictionDecision)> CheckAsync(EvictionObservation observation, EvictionDecision decision, ApiDeadline deadline)
    {
        if (decision is AllowEviction allow && NeedsConfirming(observation, allow))
        {
            observation = await observer.ConfirmAsync(observation, RestsOnMigration(allow), deadline).ConfigureAwait(false);
            decision = chain.Decide(observation);
        }

        if (decision is StartMigration && observation.Migration is null)
        {
            var found = await observer.FindMigrationAsync(observation, deadline).ConfigureAwait(false);
            if (found.Migration is not null)
            {
                observation = found;
                decision = chain.Decide(observation);
            }
        }

        return (observation, decision);
    }

    /// <summary>
    /// Not for pods that are not ours (the hot path: no read added), nor when the pod is gone (that answer came from a
    /// GET already), nor when the pod was just read and the migration is not what decided.
    /// </summary>
    private static bool NeedsConfirming(EvictionObservation observation, AllowEviction allow) =>
        allow.Reason is not (AdmissionReasons.NotOptedIn or AdmissionReasons.PodNotFound)
        && (!observation.PodFromApi || RestsOnMigration(allow));

    private static bool RestsOnMigration(AllowEviction allow) =>
        allow.Reason is AdmissionReasons.MigrationSucceeded or AdmissionReasons.MigrationFailedEvict
            or AdmissionReasons.MigrationNotPickedUp or AdmissionReasons.MigrationReleased;

    private async Task<EvictionDecision> ActAsync(EvictionDecision decision, EvictionObservation observation, ApiDeadline deadline)
    {
        if (observation.Review.DryRun)
        {
            // The same answer a real request would get, with no side effect (sideEffects: NoneOnDryRun).
            return decision;
        }

        switch (decision)
        {
            case StartMigration:
                var existing = await writer.EnsureAsync(observation, deadline.Token).ConfigureAwait(false);
                if (existing is not null)
                {
                    // Another replica or an earlier retry got there first and the cache has not seen it yet: decide
                    // again with it, so a migration that already failed is answered by its policy, not restarted.
                    return chain.Decide(observation with { Migration = existing });
                }

                events.OnPod(observation.Pod!, "Normal", EventReasons.EvictionIntercepted, decision.Message);
                return decision;
            case AllowEviction { Reason: AdmissionReasons.MigrationFailedEvict or AdmissionReasons.MigrationNotPickedUp or AdmissionReasons.UnsupportedOwner
                or AdmissionReasons.MigrationReleased }:
                // An opted-in pod leaves without its state: the operator should hear of it on the pod itself.
                events.OnPod(observation.Pod!, "Warning", EventReasons.EvictionAllowed, decision.Message);
                return decision;
            default:
                return decision;
        }
    }

    private void Record(EvictionReview review, EvictionDecision decision)
    {
        metrics.RecordDecision(decision.Allowed, decision.Reason, review.DryRun);
        // Information for decisions that change something; Debug for the two that repeat by the thousand: pods that
        // are not ours, and a drain's retry every 5 s while a migration runs (the first denial was logged already).
        var level = decision.Reason is AdmissionReasons.NotOptedIn or AdmissionReasons.MigrationInProgress ? LogLevel.Debug : LogLevel.Information;
        if (logger.IsEnabled(level))
        {
            using (BeginReviewScope(review))
            {
                logger.Log(level, "Eviction {Decision} ({Reason}): {Message}", decision.Allowed ? "allow" : "deny", decision.Reason, decision.Message);
            }
        }
    }

    /// <summary>
    /// The review's identity on a line about to be written. Opened per line, not around the whole review: most reviews
    /// write no line at all (Debug decisions), and an ambient scope costs an AsyncLocal switch and a state object per
    /// review on the path that must keep up with a bare endpoint. These are the only lines a review writes.
    /// </summary>
    private IDisposable? BeginReviewScope(EvictionReview review) => logger.BeginScope(new ReviewLogScope(review));

    private AdmissionResponse FailOpen(EvictionReview review, Exception e)
    {
        var cause = KubeErrors.Cause(e);
        metrics.AdmissionFailOpen.WithLabels(cause).Inc();
        metrics.RecordDecision(allowed: true, AdmissionReasons.FailOpen, review.DryRun);
        // A timeout or an API error is an expected operational event: its cause is enough. Anything else is our bug: keep the stack.
        using var scope = BeginReviewScope(review);
        logger.LogWarning(cause == "Internal" ? e : null, "Eviction allow ({Reason}): could not decide ({Cause}: {Error}); allowing the eviction without migration",
            AdmissionReasons.FailOpen, cause, e.Message);
        return AdmissionResponses.Allowed(review.ReviewUid, [$"interceptor could not decide ({cause}): eviction allowed without live migration"]);
    }
}
