using System.Collections.Concurrent;
using k8s.Models;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// Records what the drain saw, per pod UID, with the simulation's clock. The counter is read before every attempt
/// because once the eviction is allowed the process stops and its kubelet forgets it.
/// </summary>
/// <param name="readCounter">The pod's counter now, or null when its kubelet no longer runs it.</param>
public sealed class DrainLog(Func<TimeSpan> now, Func<V1Pod, long?> readCounter) : IDrainObserver
{
    private readonly ConcurrentDictionary<string, EvictionRecord> _records = new();

    public IReadOnlyList<EvictionRecord> Records => [.. _records.Values.OrderBy(r => r.Name, StringComparer.Ordinal)];

    public void Attempting(V1Pod pod)
    {
        var at = now();
        var counter = readCounter(pod);
        Update(pod, r => r with { FirstAttempt = r.FirstAttempt ?? at, LastCounter = counter ?? r.LastCounter, FirstCounter = r.FirstCounter ?? counter });
    }

    public void Denied(V1Pod pod, string message) => Update(pod, r => r with { Denials = r.Denials + 1, LastDenial = message });

    public void Evicted(V1Pod pod)
    {
        var at = now();
        Update(pod, r => r with { EvictedAt = at, CounterAtEviction = r.LastCounter });
    }

    public void Gone(V1Pod pod)
    {
        var at = now();
        Update(pod, r => r with { GoneAt = r.GoneAt ?? at });
    }

    private void Update(V1Pod pod, Func<EvictionRecord, EvictionRecord> change) =>
        _records.AddOrUpdate(pod.Metadata.Uid, _ => change(new EvictionRecord(pod.Metadata.Uid, pod.Metadata.Name)), (_, r) => change(r));
}
