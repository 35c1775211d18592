using Interceptor.Api;
using Interceptor.Migration;
using k8s.Models;
using Interceptor.Tests.Builders;
using Xunit;
using static Interceptor.Tests.Builders.TestMigrations;
using static Interceptor.Tests.Builders.TestObservations;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Migration;

/// <summary>
/// Restoring: the replacement must run from its checkpoint (the runtime reports the base image, not the checkpoint
/// image: docs/design/20261206-restore-verification.md), then get traffic, then be Ready within the step timeout.
/// Only then the commit; nothing unverified is ever reported as restored.
/// </summary>
public sealed class MigrationPlannerRestoringTests
{
    private const string BaseImage = "registry.example/app:1";
    private const string BaseImageId = "registry.example/app@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Late = TimeSpan.FromSeconds(61);

    public static TheoryData<string, MigrationObservation, MigrationAction> Rows => new()
    {
        // The replacement itself.
        { "no replacement recorded yet creates it",
            Observe(InRestoring(Second, m => m.Status!.ReplacementPod = null)), new CreateReplacement(Parked: false) },
        { "no replacement recorded yet for a ReplicaSet pod creates it parked",
            Observe(InRestoring(Second, m => m.Status!.ReplacementPod = null), WithSource(OwnedBy("ReplicaSet", "web-7d9f8c6b5"))), new CreateReplacement(Parked: true) },
        { "a recorded replacement that vanished rolls back",
            Observe(InRestoring(Second)), new RollBack(MigrationReasons.RestoreFailed, "the replacement pod web-0-m1 disappeared") },

        // Not there yet, and the step timeout.
        { "a replacement still creating waits",
            Observe(InRestoring(Second), WithReplacement(Replacement(ContainerWaiting("app", "ContainerCreating")))), new Wait(Second, "waiting for the replacement to run") },
        { "a replacement without any status yet waits",
            Observe(InRestoring(Second), WithReplacement(Replacement())), new Wait(Second, "waiting for the replacement to run") },
        { "a replacement still creating after the 60 second step timeout rolls back",
            Observe(InRestoring(Late), WithReplacement(Replacement(ContainerWaiting("app", "ContainerCreating")))),
            new RollBack(MigrationReasons.ReplacementNotReady, "not running from its checkpoint and Ready within 60s") },
        { "moving the clock past the step timeout rolls a creating replacement back",
            Observe(InRestoring(Second), WithReplacement(Replacement(ContainerWaiting("app", "ContainerCreating"))), Later(TimeSpan.FromSeconds(60))),
            new RollBack(MigrationReasons.ReplacementNotReady, "") },

        // What the runtime says about the restore.
        { "CreateContainerError (CRI-O with restore off) rolls back with the runtime's message",
            Observe(InRestoring(Second), WithReplacement(Replacement(ContainerWaiting("app", "CreateContainerError", "no command specified")))),
            new RollBack(MigrationReasons.RestoreFailed, "no command specified") },
        { "a restored container that restarted rolls back: the process state was rolled back",
            Observe(InRestoring(Second), WithReplacement(Replacement(ContainerRunning("app", BaseImage, BaseImageId), ContainerRestarted("app", 1, "OOMKilled"), Ready()))),
            new RollBack(MigrationReasons.RestoreFailed, "restarted 1 time(s)") },
        { "a cold start (the checkpoint run as an ordinary image) rolls back",
            Observe(InRestoring(Second), WithReplacement(Replacement(ColdStart(), Serving(PodConditionTypeStatus.True), Ready()))),
            new RollBack(MigrationReasons.RestoreNotVerified, "ordinary image") },
        { "a cold start that policy accepts gets traffic like a restore",
            Observe(InRestoring(Second), WithReplacement(Replacement(ColdStart())), AllowColdStart()), new SwitchTrafficToReplacement() },
        { "a Ready cold start that policy accepts commits as not restored",
            Observe(InRestoring(Second), WithReplacement(Replacement(ColdStart(), Serving(PodConditionTypeStatus.True), Ready())), AllowColdStart()),
            new Commit(Restored: false, "started cold (policy AllowColdStart)") },
        { "a restore the runtime gives no signal for rolls back",
            Observe(InRestoring(Second), WithReplacement(Replacement(ContainerRunning("app", BaseImage, ""), Serving(PodConditionTypeStatus.True), Ready()))),
            new RollBack(MigrationReasons.RestoreUnverifiable, "names no repository digest") },
        { "an unverifiable restore rolls back even when cold starts are allowed",
            Observe(InRestoring(Second), WithReplacement(Replacement(ContainerRunning("app", BaseImage, ""), Serving(PodConditionTypeStatus.True), Ready())), AllowColdStart()),
            new RollBack(MigrationReasons.RestoreUnverifiable, "") },

        // Restored: traffic, then Ready, then the commit.
        { "restored with the gate not yet set switches traffic to the replacement",
            Observe(InRestoring(Second), WithReplacement(Replacement(Restored()))), new SwitchTrafficToReplacement() },
        { "restored with the gate False switches traffic to the replacement",
            Observe(InRestoring(Second), WithReplacement(Replacement(Restored(), Serving(PodConditionTypeStatus.False)))), new SwitchTrafficToReplacement() },
        { "restored, serving and Ready commits as restored",
            Observe(InRestoring(Second), WithReplacement(Replacement(Restored(), Serving(PodConditionTypeStatus.True), Ready()))),
            new Commit(Restored: true, "pod web-0-m1 on node-b runs from the checkpoint and is Ready") },
        { "restored and Ready without a gate (a pod from before the install) commits",
            Observe(InRestoring(Second), WithReplacement(Pod(ReplacementName, OnNode(TargetNode), WithImage(CheckpointImage("app")), Restored(), Ready()))),
            new Commit(Restored: true, "") },
        { "restored and serving but not Ready waits",
            Observe(InRestoring(Second), WithReplacement(Replacement(Restored(), Serving(PodConditionTypeStatus.True)))), new Wait(Second, "waiting for the replacement to be Ready") },
        { "restored and serving but not Ready past the step timeout rolls back",
            Observe(InRestoring(Late), WithReplacement(Replacement(Restored(), Serving(PodConditionTypeStatus.True)))),
            new RollBack(MigrationReasons.ReplacementNotReady, "within 60s") },
        { "restored and Ready commits even past the step timeout: done beats late",
            Observe(InRestoring(Late), WithReplacement(Replacement(Restored(), Serving(PodConditionTypeStatus.True), Ready()))), new Commit(Restored: true, "") },
        { "a restored, Ready replacement that is being deleted rolls back: the commit would remove the source next",
            Observe(InRestoring(Second), WithReplacement(Replacement(Restored(), Serving(PodConditionTypeStatus.True), Ready(), Terminating()))),
            new RollBack(MigrationReasons.RestoreFailed, "the replacement pod web-0-m1 is being deleted") },
        { "a replacement deleted while still creating rolls back",
            Observe(InRestoring(Second), WithReplacement(Replacement(ContainerWaiting("app", "ContainerCreating"), Terminating()))),
            new RollBack(MigrationReasons.RestoreFailed, "is being deleted") },
        { "two containers both restored commit",
            Observe(InRestoring(Second, WithCheckpoints(Published("app"), Published("sidecar"))), WithReplacement(Replacement(
                WithContainer("sidecar", CheckpointImage("sidecar")), Restored(), ContainerRunning("sidecar", "registry.example/proxy:2", "registry.example/proxy@sha256:" + new string('b', 64)),
                Serving(PodConditionTypeStatus.True), Ready()))),
            new Commit(Restored: true, "") },
        { "one container restored and the other still creating waits",
            Observe(InRestoring(Second, WithCheckpoints(Published("app"), Published("sidecar"))), WithReplacement(Replacement(
                WithContainer("sidecar", CheckpointImage("sidecar")), Restored(), ContainerWaiting("sidecar", "ContainerCreating")))),
            new Wait(Second, "") },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Restoring_decides(string because, MigrationObservation observation, MigrationAction expected) =>
        PlannerAssert.Decides(because, expected, MigrationPlanner.Decide(observation));

    private static PodMigration InRestoring(TimeSpan enteredAgo, params Action<PodMigration>[] more) => TestMigrations.Migration(
    [
        WithFinalizer(), OnAttempt(1), DeadlineIn(TimeSpan.FromMinutes(10)), WithTarget(), TrafficOffAgo(enteredAgo + TimeSpan.FromSeconds(20)),
        WithCheckpoints(Published("app")), WithCondition(PodMigrationConditions.Checkpointed, PodMigrationConditions.True),
        Entered(MigrationPhases.Transferring, enteredAgo + TimeSpan.FromSeconds(1)), WithReplacement(), Entered(MigrationPhases.Restoring, enteredAgo), .. more,
    ]);

    /// <summary>The replacement as created: on the target, its app container from the checkpoint image, with the serving gate.</summary>
    private static V1Pod Replacement(params Action<V1Pod>[] modifiers) =>
        Pod(ReplacementName, [OnNode(TargetNode), WithImage(CheckpointImage("app")), WithServingGate(), .. modifiers]);

    /// <summary>Running, and the runtime reports the base image: only a restore does that.</summary>
    private static Action<V1Pod> Restored() => ContainerRunning("app", BaseImage, BaseImageId);

    /// <summary>Running, and the runtime reports the checkpoint image itself: it ran as an ordinary image.</summary>
    private static Action<V1Pod> ColdStart() => ContainerRunning("app", CheckpointImage("app"), CheckpointImage("app"));

    private static Func<MigrationObservation, MigrationObservation> AllowColdStart() => WithPolicy(p => p with { AllowColdStart = true });
}
