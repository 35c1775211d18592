using Interceptor.Api;
using Interceptor.Kube;
using Interceptor.Migration;
using k8s.Models;

namespace Interceptor.Controllers;

/// <summary>
/// One pass over one migration: gather (fresh reads of the PodMigration, its pods and the source node), decide (the
/// pure <see cref="MigrationPlanner"/>), act (one action, through <see cref="MigrationExecutor"/>). Nothing that matters
/// is kept between passes: a crash, a lost leadership or a second replica never finds half-remembered state.
/// </summary>
public sealed class PodMigrationReconciler(
    PodMigrationClient migrations,
    PodOperations pods,
    MigrationExecutor executor,
    BudgetTracker budget,
    MigrationPolicy policy,
    TimeProvider time,
    ILogger<PodMigrationReconciler> logger)
{
    // Admissions are decided one at a time, so two migrations never both take the last free slot of a node.
    private readonly SemaphoreSlim _admission = new(1, 1);

    /// <summary>Fired with a migration that reached a terminal phase (its slot is free: wake the queued ones).</summary>
    public event Action<PodMigration>? Finished;

    /// <returns>When to look at the key again: <see cref="TimeSpan.Zero"/> at once (it moved), null when there is nothing left to do.</returns>
    public async Task<TimeSpan?> ReconcileAsync(MigrationKey key, CancellationToken ct)
    {
        var migration = await migrations.GetAsync(key.Namespace, key.Name, ct).ConfigureAwait(false);
        if (migration is null)
        {
            budget.Forget(key);
            return null;
        }

        using var scope = logger.BeginScope(LogScope(migration));
        var admitting = migration.Status?.Phase is null or "" or MigrationPhases.Pending;
        if (admitting)
        {
            await _admission.WaitAsync(ct).ConfigureAwait(false);
        }

        try
        {
            var observation = await GatherAsync(key, migration, ct).ConfigureAwait(false);
            var action = MigrationPlanner.Decide(observation);
            if (action is Wait wait)
            {
                return wait.After;
            }

            logger.LogDebug("PodMigration {Key} in {Phase}: {Action}", key, migration.Status?.Phase ?? "(new)", action);
            var written = await executor.ApplyAsync(action, observation, ct).ConfigureAwait(false);
            return Written(action, written);
        }
        finally
        {
            if (admitting)
            {
                _admission.Release();
            }
        }
    }

    private TimeSpan? Written(MigrationAction action, PodMigration? written)
    {
        if (written is not null)
        {
            budget.Observe(written);
            if (!MigrationPhases.IsInProgress(written.Status?.Phase))
            {
                Finished?.Invoke(written);
            }
        }

        return action is DeleteMigration ? null : TimeSpan.Zero;
    }

    /// <summary>The reads of one pass, in parallel (they are independent): each is a fresh GET, never a stale cache entry.</summary>
    private async Task<MigrationObservation> GatherAsync(MigrationKey key, PodMigration migration, CancellationToken ct)
    {
        var source = pods.GetAsync(key.Namespace, migration.Spec.PodName, ct);
        var replacement = migration.Status?.ReplacementPod is { Length: > 0 } name ? pods.GetAsync(key.Namespace, name, ct) : Task.FromResult<V1Pod?>(null);
        var node = pods.GetNodeAsync(migration.Spec.SourceNode, ct);
        await Task.WhenAll(source, replacement, node).ConfigureAwait(false);
        // A pod of the same name with another UID is another incarnation: not ours to move.
        var sourcePod = source.Result is { } s && s.Metadata.Uid == migration.Spec.PodUid ? s : null;
        return new MigrationObservation(migration, sourcePod, replacement.Result, node.Result,
            budget.For(key, migration.Spec.SourceNode), time.GetUtcNow(), policy);
    }

    private static Dictionary<string, object> LogScope(PodMigration m) => new()
    {
        ["Namespace"] = m.Metadata.NamespaceProperty ?? "", ["PodMigration"] = m.Metadata.Name ?? "",
        ["Pod"] = m.Spec.PodName, ["PodUid"] = m.Spec.PodUid, ["Phase"] = m.Status?.Phase ?? "", ["Attempt"] = m.Status?.Attempt ?? 1,
    };
}
