using Interceptor.Api;
using Interceptor.Checkpoint.Transfer;
using k8s.Models;

namespace Interceptor.Tests.Builders;

/// <summary>
/// PodMigrations for tests: a just-created migration of pod <see cref="PodName"/> off <see cref="SourceNode"/>, with
/// no finalizer and no status, changed by modifiers (<c>Migration(Entered(Checkpointing), WithFinalizer())</c>).
/// Times are relative to <see cref="TestClock.Now"/>.
/// </summary>
public static class TestMigrations
{
    public const string Name = "web-0-7f3a";
    public const string PodName = "web-0";
    public const string PodUid = "0b6c3c52-8d7e-4a5b-9f1e-2f5c7a9d1e33";
    public const string SourceNode = "node-a";
    public const string TargetNode = "node-b";
    public const string ReplacementName = "web-0-m1";

    public static PodMigration Migration(params Action<PodMigration>[] modifiers)
    {
        var migration = new PodMigration
        {
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = TestPods.Namespace, Uid = "uid-m", Generation = 1 },
            Spec = new PodMigrationSpec { PodName = PodName, PodUid = PodUid, SourceNode = SourceNode, Trigger = MigrationTriggers.Eviction },
        };
        foreach (var modify in modifiers)
        {
            modify(migration);
        }

        return migration;
    }

    /// <summary>
    /// In <paramref name="phase"/>, entered <paramref name="enteredAgo"/> (default 1 s) before now: the history entry step
    /// timeouts count from. Not <c>InPhase</c>: <see cref="TestPods.InPhase"/> would win overload resolution wherever both
    /// builders are imported.
    /// </summary>
    public static Action<PodMigration> Entered(string phase, TimeSpan? enteredAgo = null) => m =>
    {
        var status = Status(m);
        status.Phase = phase;
        (status.PhaseHistory ??= []).Add(new PhaseTransition { Phase = phase, Time = TestClock.Ago(enteredAgo ?? TimeSpan.FromSeconds(1)) });
    };

    public static Action<PodMigration> WithFinalizer() => m => m.Metadata.Finalizers = [PodMigrationConditions.Finalizer];

    public static Action<PodMigration> Deleted() => m => m.Metadata.DeletionTimestamp = TestClock.Ago(1);

    public static Action<PodMigration> WithGeneration(long generation) => m => m.Metadata.Generation = generation;

    public static Action<PodMigration> TriggeredBy(string trigger) => m => m.Spec.Trigger = trigger;

    public static Action<PodMigration> WithReason(string reason, string? message = null) => m =>
    {
        Status(m).Reason = reason;
        Status(m).Message = message;
    };

    public static Action<PodMigration> WithTarget(string node = TargetNode) => m => Status(m).TargetNode = node;

    public static Action<PodMigration> TrafficOffAgo(TimeSpan ago) => m => Status(m).TrafficOffTime = TestClock.Ago(ago);

    /// <summary>The source node was cordoned (or tainted for removal) when the migration was admitted.</summary>
    public static Action<PodMigration> AdmittedWhileDraining(bool draining = true) => m => Status(m).SourceNodeDraining = draining;

    /// <summary>The overall deadline, <paramref name="fromNow"/> after now (negative: already passed).</summary>
    public static Action<PodMigration> DeadlineIn(TimeSpan fromNow) => m => Status(m).Deadline = TestClock.In(fromNow);

    public static Action<PodMigration> OnAttempt(int attempt) => m => Status(m).Attempt = attempt;

    public static Action<PodMigration> WithCheckpoints(params ContainerCheckpoint[] checkpoints) => m => Status(m).Checkpoints = [.. checkpoints];

    /// <summary>A condition on the PodMigration (Checkpointed by the agent, Restored and CheckpointsDeleted by the controller).</summary>
    public static Action<PodMigration> WithCondition(string type, string status, string reason = "Test", string message = "") => m =>
        (Status(m).Conditions ??= []).Add(new V1Condition { Type = type, Status = status, Reason = reason, Message = message, LastTransitionTime = TestClock.Ago(1) });

    public static Action<PodMigration> WithReplacement(string name = ReplacementName) => m => Status(m).ReplacementPod = name;

    public static Action<PodMigration> CompletedAgo(TimeSpan ago) => m => Status(m).CompletionTime = TestClock.Ago(ago);

    /// <summary>The checkpoint image the agent publishes for <paramref name="container"/>: pinned by digest, as the registry transport records it.</summary>
    public static string CheckpointImage(string container) =>
        $"registry.example/checkpoints/{container}@{CheckpointDigest(container)}";

    public static string CheckpointDigest(string container) => "sha256:" + new string(container == "app" ? 'c' : 'd', 64);

    /// <summary>A container only listed for the agent (<c>RequestCheckpoint</c>): nothing published yet.</summary>
    public static ContainerCheckpoint Listed(string container) => new() { Container = container };

    /// <summary>What the agent records once <paramref name="container"/> is pushed to the registry for <paramref name="attempt"/>.</summary>
    public static ContainerCheckpoint Published(string container, int attempt = 1) => new()
    {
        Container = container,
        Transport = RegistryCheckpointTransfer.TransportKind,
        Image = CheckpointImage(container),
        Reference = CheckpointImage(container),
        Digest = CheckpointDigest(container),
        SizeBytes = 64 * 1024 * 1024,
        Attempt = attempt,
    };

    private static PodMigrationStatus Status(PodMigration m) => m.Status ??= new PodMigrationStatus();
}
