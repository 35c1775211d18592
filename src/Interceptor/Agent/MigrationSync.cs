using Interceptor.Api;
using Interceptor.Checkpoint.Transfer;
using Interceptor.Diagnostics;
using Interceptor.Kube;

namespace Interceptor.Agent;

/// <summary>
/// One pass over one migration: gather (read the PodMigration now), decide (<see cref="AgentPlanner"/>), act
/// (checkpoint containers, or write the condition). Durable progress is the status: each container's checkpoint
/// is recorded as soon as it is published, so a crash loses at most the containers in flight.
/// </summary>
public sealed class MigrationSync(
    string nodeName,
    MigrationStatusWriter status,
    ContainerCheckpointer checkpointer,
    MigrationEventWriter events,
    InterceptorMetrics metrics,
    TimeProvider time,
    ILogger<MigrationSync> logger)
{
    /// <returns>True when the migration should be looked at again at once (the action changed its state).</returns>
    public async Task<bool> SyncAsync(MigrationKey key, CancellationToken cancellationToken)
    {
        var current = await status.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return false;
        }

        var migration = AgentMigration.From(current);
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["Namespace"] = migration.Namespace, ["PodMigration"] = migration.Name, ["Pod"] = migration.PodName,
            ["PodUid"] = migration.PodUid, ["Phase"] = migration.Phase ?? "", ["Attempt"] = migration.Attempt,
        });
        var action = AgentPlanner.Decide(migration, nodeName);
        switch (action)
        {
            case CheckpointContainers checkpoint:
                await CheckpointAsync(migration, checkpoint.Containers, cancellationToken).ConfigureAwait(false);
                return true;
            case MarkCheckpointed:
                await MarkCheckpointedAsync(migration, cancellationToken).ConfigureAwait(false);
                return false;
            case FailMigration fail:
                await FailAsync(migration, fail.Reason, fail.Message, cancellationToken).ConfigureAwait(false);
                return false;
            default:
                logger.LogDebug("Nothing to do for PodMigration {Namespace}/{Name}: {Why}", migration.Namespace, migration.Name, ((Skip)action).Why);
                return false;
        }
    }

    /// <summary>
    /// Checkpoints the containers in parallel (DESIGN section 4). The first failure cancels the others: the
    /// attempt is lost anyway, and every container checkpointed after it would only freeze a process for nothing.
    /// </summary>
    private async Task CheckpointAsync(AgentMigration migration, IReadOnlyList<string> containers, CancellationToken cancellationToken)
    {
        logger.LogInformation("Checkpointing {Containers} of pod {Namespace}/{Pod}", containers, migration.Namespace, migration.PodName);
        await events.RecordAsync(migration, "Normal", EventReasons.CheckpointStarted,
            $"Checkpointing {string.Join(", ", containers)} on node {nodeName} (attempt {migration.Attempt})", cancellationToken).ConfigureAwait(false);
        using var siblings = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        AgentStepException? first = null;
        await Task.WhenAll(containers.Select(async container =>
        {
            try
            {
                var published = await checkpointer.RunAsync(migration, container, siblings.Token).ConfigureAwait(false);
                await RecordPublishedAsync(migration, container, published, siblings.Token).ConfigureAwait(false);
            }
            catch (AgentStepException e)
            {
                Interlocked.CompareExchange(ref first, e, null);
                await siblings.CancelAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (siblings.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Cancelled because a sibling failed; that failure is the one recorded.
            }
        })).ConfigureAwait(false);

        if (first is not null)
        {
            await FailAsync(migration, first.Reason, first.Message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RecordPublishedAsync(AgentMigration migration, string container, PublishedCheckpoint published, CancellationToken cancellationToken)
    {
        var recorded = await status.UpdateAsync(migration.Key,
            m => CheckpointStatus.RecordPublished(m, migration.Attempt, container, published), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Published container {Container}: {Reference} {Digest} {SizeBytes} bytes (recorded: {Recorded})",
            container, published.Reference, published.Digest, published.SizeBytes, recorded);
        await events.RecordAsync(migration, "Normal", EventReasons.ContainerCheckpointed,
            $"Container {container} checkpointed and published ({published.Kind}, {published.SizeBytes} bytes, {published.Digest})", cancellationToken).ConfigureAwait(false);
    }

    private async Task MarkCheckpointedAsync(AgentMigration migration, CancellationToken cancellationToken)
    {
        var message = $"{migration.Containers.Count} container(s) checkpointed on {nodeName} and published for attempt {migration.Attempt}";
        if (await status.UpdateAsync(migration.Key, m => CheckpointStatus.RecordCondition(m, migration.Attempt, PodMigrationConditions.True,
                CheckpointReasons.CheckpointsPublished, message, time.GetUtcNow().UtcDateTime), cancellationToken).ConfigureAwait(false))
        {
            await events.RecordAsync(migration, "Normal", EventReasons.CheckpointsPublished, message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FailAsync(AgentMigration migration, string reason, string message, CancellationToken cancellationToken)
    {
        logger.LogWarning("Checkpoint of pod {Namespace}/{Pod} failed ({Reason}): {Message}", migration.Namespace, migration.PodName, reason, message);
        metrics.AgentCheckpointFailures.WithLabels(reason).Inc();
        if (await status.UpdateAsync(migration.Key, m => CheckpointStatus.RecordCondition(m, migration.Attempt, PodMigrationConditions.False,
                reason, message, time.GetUtcNow().UtcDateTime), cancellationToken).ConfigureAwait(false))
        {
            await events.RecordAsync(migration, "Warning", EventReasons.CheckpointFailed, $"{reason}: {message}", cancellationToken).ConfigureAwait(false);
        }
    }
}
