using Interceptor.Admission;
using Interceptor.Api;
using k8s.Models;
using Xunit;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Admission;

public class EvictionGuardChainTests
{
    private static readonly EvictionGuardChain Chain = new();

    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public sealed record Case(V1Pod? Pod, string? NamespaceLabel = null, string? MigrationPhase = null, string MigrationOnFailure = FailurePolicies.Evict, string? PreconditionUid = null, int MigrationAgeSeconds = 5, bool MigrationDeleting = false);

    public static TheoryData<string, Case, string, bool> Decisions => new()
    {
        { "a pod that does not exist is evicted (the API server answers 404)", new(null), AdmissionReasons.PodNotFound, true },
        { "a pod without the opt-in label in a namespace without one is evicted", new(Pod("web")), AdmissionReasons.NotOptedIn, true },
        { "a pod in an opt-in namespace without its own label is evicted", new(Pod("web"), Labels.NamespaceOptIn), AdmissionReasons.NotOptedIn, true },
        { "a pod that opted out is evicted even in an all-pods namespace", new(Pod("web", OptedOut()), Labels.NamespaceAllPods), AdmissionReasons.NotOptedIn, true },
        { "an opted-in pod that is already terminating is evicted", new(Pod("web", OptedIn(), Terminating())), AdmissionReasons.PodTerminating, true },
        { "an opted-in pod that is still Pending is evicted", new(Pod("web", OptedIn(), InPhase("Pending"))), AdmissionReasons.PodNotRunning, true },
        { "an opted-in pod that has Succeeded is evicted", new(Pod("web", OptedIn(), InPhase("Succeeded"))), AdmissionReasons.PodNotRunning, true },
        { "an opted-in Running pod with no node is evicted", new(Pod("web", OptedIn(), OnNode(""))), AdmissionReasons.PodNotRunning, true },
        { "an opted-in mirror pod is evicted", new(Pod("etcd", OptedIn(), Mirror())), AdmissionReasons.StaticPod, true },
        { "an opted-in DaemonSet pod is evicted", new(Pod("agent", OptedIn(), OwnedBy("DaemonSet", "agent"))), AdmissionReasons.DaemonSetPod, true },
        { "an opted-in StatefulSet pod is evicted normally (not migrated live yet)", new(Pod("db-0", OptedIn(), OwnedBy("StatefulSet", "db"))), AdmissionReasons.UnsupportedOwner, true },
        { "an opted-in Job pod is evicted normally (not migrated live yet)", new(Pod("train-x", OptedIn(), OwnedBy("Job", "train"))), AdmissionReasons.UnsupportedOwner, true },
        { "an eviction aimed at another incarnation of the pod starts nothing", new(Pod("web", OptedIn(), WithUid("new")), PreconditionUid: "old"), AdmissionReasons.PreconditionMismatch, true },
        { "an opted-in running pod starts a migration", new(Pod("web", OptedIn())), AdmissionReasons.MigrationStarted, false },
        { "a pod in an all-pods namespace starts a migration", new(Pod("web"), Labels.NamespaceAllPods), AdmissionReasons.MigrationStarted, false },
        { "a ReplicaSet pod starts a migration", new(Pod("web", OptedIn(), OwnedBy("ReplicaSet", "web-7d9f"))), AdmissionReasons.MigrationStarted, false },
        { "a matching UID precondition starts a migration", new(Pod("web", OptedIn(), WithUid("same")), PreconditionUid: "same"), AdmissionReasons.MigrationStarted, false },
        { "a migration with no phase yet is in progress", new(Pod("web", OptedIn()), MigrationPhase: ""), AdmissionReasons.MigrationInProgress, false },
        { "a migration that is checkpointing is in progress", new(Pod("web", OptedIn()), MigrationPhase: MigrationPhases.Checkpointing), AdmissionReasons.MigrationInProgress, false },
        { "a migration that is rolling back is still in progress", new(Pod("web", OptedIn()), MigrationPhase: MigrationPhases.RollingBack), AdmissionReasons.MigrationInProgress, false },
        { "a succeeded migration lets the source go", new(Pod("web", OptedIn()), MigrationPhase: MigrationPhases.Succeeded), AdmissionReasons.MigrationSucceeded, true },
        { "a cold-start fallback also lets the source go", new(Pod("web", OptedIn()), MigrationPhase: MigrationPhases.SucceededWithoutRestore), AdmissionReasons.MigrationSucceeded, true },
        { "a failed migration with policy Evict lets the eviction through", new(Pod("web", OptedIn()), MigrationPhase: MigrationPhases.Failed), AdmissionReasons.MigrationFailedEvict, true },
        { "a rolled-back migration with policy Block keeps denying", new(Pod("web", OptedIn()), MigrationPhase: MigrationPhases.RolledBack, MigrationOnFailure: FailurePolicies.Block), AdmissionReasons.MigrationFailedBlock, false },
        { "a migration no controller picked up in time lets the eviction through with policy Evict", new(Pod("web", OptedIn()), MigrationPhase: "", MigrationAgeSeconds: 121), AdmissionReasons.MigrationNotPickedUp, true },
        { "a migration no controller picked up in time keeps denying with policy Block", new(Pod("web", OptedIn()), MigrationPhase: "", MigrationOnFailure: FailurePolicies.Block, MigrationAgeSeconds: 121), AdmissionReasons.MigrationNotPickedUp, false },
        { "a migration not picked up yet but within the timeout is in progress", new(Pod("web", OptedIn()), MigrationPhase: "", MigrationAgeSeconds: 119), AdmissionReasons.MigrationInProgress, false },
        { "a failed Block migration an operator is deleting releases the eviction", new(Pod("web", OptedIn()), MigrationPhase: MigrationPhases.RolledBack, MigrationOnFailure: FailurePolicies.Block, MigrationDeleting: true), AdmissionReasons.MigrationReleased, true },
        { "a Block migration no controller picked up and an operator is deleting releases the eviction", new(Pod("web", OptedIn()), MigrationPhase: "", MigrationOnFailure: FailurePolicies.Block, MigrationAgeSeconds: 121, MigrationDeleting: true), AdmissionReasons.MigrationReleased, true },
        { "a migration in progress that is being deleted keeps denying while it rolls back", new(Pod("web", OptedIn()), MigrationPhase: MigrationPhases.Checkpointing, MigrationOnFailure: FailurePolicies.Block, MigrationDeleting: true), AdmissionReasons.MigrationInProgress, false },
        { "a released pod with a failed Block migration is evicted", new(Pod("web", OptedIn(), Released()), MigrationPhase: MigrationPhases.Failed, MigrationOnFailure: FailurePolicies.Block), AdmissionReasons.MigrationReleased, true },
        { "a released pod with no migration is evicted without starting one", new(Pod("web", OptedIn(), Released())), AdmissionReasons.MigrationReleased, true },
        { "a released pod whose migration is in progress keeps denying until it ends", new(Pod("web", OptedIn(), Released()), MigrationPhase: MigrationPhases.Restoring), AdmissionReasons.MigrationInProgress, false },
        { "a migration the controller is working on is never abandoned, however old", new(Pod("web", OptedIn()), MigrationPhase: MigrationPhases.Transferring, MigrationAgeSeconds: 3600), AdmissionReasons.MigrationInProgress, false },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Decides(string sentence, Case c, string reason, bool allowed)
    {
        var decision = Chain.Decide(Observe(c));

        Assert.True(reason == decision.Reason, $"{sentence}: expected {reason}, got {decision.Reason}");
        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public void A_migration_recorded_for_another_pod_uid_is_ignored()
    {
        var pod = Pod("web", OptedIn());
        var observation = Observe(new Case(pod)) with
        {
            Migration = new MigrationFacts(Namespace, "web-x", "some-other-uid", MigrationPhases.Failed, FailurePolicies.Block, null, null, Now),
        };

        Assert.IsType<StartMigration>(Chain.Decide(observation));
    }

    [Fact]
    public void A_dry_run_says_what_a_real_eviction_would_start_and_that_nothing_was_created()
    {
        var observation = Observe(new Case(Pod("web", OptedIn())));
        var decision = Chain.Decide(observation with { Review = observation.Review with { DryRun = true } });

        Assert.StartsWith(EvictionMessages.EvacuationPrefix + " (dry run)", decision.Message);
        Assert.Contains("would start live migration", decision.Message);
        Assert.Contains("nothing was created", decision.Message);
        Assert.DoesNotContain(" started", decision.Message);
    }

    [Fact]
    public void A_Block_migration_no_controller_picked_up_names_only_releases_that_need_no_controller()
    {
        var decision = Chain.Decide(Observe(new Case(Pod("web", OptedIn()), MigrationPhase: "", MigrationOnFailure: FailurePolicies.Block, MigrationAgeSeconds: 121)));

        Assert.Contains($"annotate the pod {Annotations.Release}=true", decision.Message);
        Assert.DoesNotContain("delete the PodMigration", decision.Message);
    }

    [Fact]
    public void Of_several_migrations_of_a_pod_the_one_in_progress_answers_else_the_newest()
    {
        MigrationFacts M(string name, string? phase, int ageSeconds) => new(Namespace, name, "uid", phase, FailurePolicies.Evict, null, null, Now.AddSeconds(-ageSeconds));

        Assert.Equal("running", MigrationFacts.Preferred([M("old-failed", MigrationPhases.Failed, 10), M("running", MigrationPhases.Restoring, 60), M("new-succeeded", MigrationPhases.Succeeded, 1)])!.Name);
        Assert.Equal("newer", MigrationFacts.Preferred([M("older", MigrationPhases.Failed, 60), M("newer", MigrationPhases.RolledBack, 5)])!.Name);
        Assert.Null(MigrationFacts.Preferred([]));
    }

    [Fact]
    public void Every_message_for_a_migration_in_progress_starts_with_the_evacuation_prefix()
    {
        var started = Chain.Decide(Observe(new Case(Pod("web", OptedIn()))));
        var inProgress = Chain.Decide(Observe(new Case(Pod("web", OptedIn()), MigrationPhase: MigrationPhases.Restoring)));

        Assert.StartsWith(EvictionMessages.EvacuationPrefix, started.Message);
        Assert.StartsWith(EvictionMessages.EvacuationPrefix, inProgress.Message);
    }

    private static EvictionObservation Observe(Case c)
    {
        var review = new EvictionReview("review-1", Namespace, c.Pod?.Metadata.Name ?? "gone", false, c.PreconditionUid, "kubectl");
        var pod = c.Pod is null ? null : PodFacts.From(c.Pod);
        var migration = c.MigrationPhase is null || pod is null
            ? null
            : new MigrationFacts(Namespace, MigrationNames.For(pod.Name, pod.Uid), pod.Uid, c.MigrationPhase == "" ? null : c.MigrationPhase,
                c.MigrationOnFailure, "CheckpointFailed", "node-b", Now.AddSeconds(-c.MigrationAgeSeconds), c.MigrationDeleting);
        return new EvictionObservation(review, pod, c.NamespaceLabel, migration, new EvictionPolicy(FailurePolicies.Evict, TimeSpan.FromMinutes(2)), Now);
    }
}
