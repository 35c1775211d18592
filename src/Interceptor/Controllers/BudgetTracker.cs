using Interceptor.Api;
using Interceptor.Kube;
using Interceptor.Migration;

namespace Interceptor.Controllers;

/// <summary>
/// Which migrations are admitted (past Pending, not finished), per source node: what the concurrency limits count.
/// Fed by the PodMigration watch and by the controller's own status writes (which the watch reports a moment later),
/// so two admissions in a row never both see the same free slot. A cache: after a restart the LIST refills it.
/// </summary>
public sealed class BudgetTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<MigrationKey, (string? Node, string? Phase)> _migrations = [];
    private readonly Dictionary<string, MigrationKey> _byPodUid = new(StringComparer.Ordinal);

    public void Observe(PodMigration migration)
    {
        lock (_gate)
        {
            _migrations[KeyOf(migration)] = (migration.Spec.SourceNode, migration.Status?.Phase);
            _byPodUid[migration.Spec.PodUid] = KeyOf(migration);
        }
    }

    public void Forget(MigrationKey key)
    {
        lock (_gate)
        {
            _migrations.Remove(key);
            foreach (var uid in _byPodUid.Where(e => e.Value.Equals(key)).Select(e => e.Key).ToList())
            {
                _byPodUid.Remove(uid);
            }
        }
    }

    /// <summary>The migration of the pod with this UID (its source), so a change of the pod wakes it.</summary>
    public MigrationKey? KeyForPod(string? podUid)
    {
        lock (_gate)
        {
            return podUid is not null && _byPodUid.TryGetValue(podUid, out var key) ? key : null;
        }
    }

    public MigrationBudget For(MigrationKey key, string? sourceNode)
    {
        lock (_gate)
        {
            var admitted = _migrations.Where(e => !e.Key.Equals(key) && IsAdmitted(e.Value.Phase)).ToList();
            return new MigrationBudget(admitted.Count(e => e.Value.Node == sourceNode), admitted.Count);
        }
    }

    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _migrations.Values.Count(v => IsAdmitted(v.Phase));
            }
        }
    }

    /// <summary>Migrations waiting for a slot, oldest key order: woken when one finishes, so a freed slot is taken at once.</summary>
    public IReadOnlyList<MigrationKey> Waiting()
    {
        lock (_gate)
        {
            return [.. _migrations.Where(e => e.Value.Phase is null or "" or MigrationPhases.Pending).Select(e => e.Key)];
        }
    }

    private static bool IsAdmitted(string? phase) =>
        phase is not (null or "" or MigrationPhases.Pending) && MigrationPhases.IsInProgress(phase);

    public static MigrationKey KeyOf(PodMigration m) => new(m.Metadata.NamespaceProperty ?? "", m.Metadata.Name ?? "");
}
