using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Scheduling;

/// <summary>
/// A minimal kube-scheduler: every unbound pod for the default scheduler is bound (pods/binding semantics,
/// <see cref="PodBinding"/>) to the feasible node with the fewest pods, or marked PodScheduled=False with
/// reason Unschedulable and retried whenever a node changes (a cordon lifted, a node turning Ready).
/// </summary>
/// <remarks>One worker, as the real scheduler's single scheduling cycle, so each decision sees the previous binding.</remarks>
internal sealed class Scheduler(FakeObjectStore store, TimeProvider clock, ILogger logger) : ControllerLoop(store, clock, logger)
{
    private const string DefaultScheduler = "default-scheduler";

    private readonly NodeLoad _load = new();
    private readonly ConcurrentDictionary<ObjectKey, byte> _unschedulable = new();

    private static ResourceType Pods => BuiltinResources.Pods;

    protected override IReadOnlyList<ResourceType> Watched => [Pods, BuiltinResources.Nodes];

    protected override int Workers => 1;

    protected override void OnEvent(WatchEvent e)
    {
        if (e.Resource != Pods)
        {
            // A node appeared or changed: pods that fit nowhere may fit now (the real scheduler's queueing hints).
            foreach (var waiting in _unschedulable.Keys)
            {
                Queue.Add(waiting);
            }
            return;
        }
        var pod = e.Object;
        var key = new ObjectKey(Meta.Namespace(pod)!, Meta.Name(pod)!);
        var holdsNode = e.Type != WatchEventType.Deleted && PodConditions.Phase(pod) is not ("Succeeded" or "Failed");
        _load.Set(key.ToString(), holdsNode ? PodConditions.NodeName(pod) : "");
        if (e.Type == WatchEventType.Deleted)
        {
            _unschedulable.TryRemove(key, out _);
        }
        else if (NeedsScheduling(pod))
        {
            Queue.Add(key);
        }
    }

    protected override Task SyncAsync(ObjectKey key, CancellationToken ct)
    {
        var pod = Store.TryGet(Pods, key.Namespace, key.Name);
        if (pod is null || !NeedsScheduling(pod))
        {
            _unschedulable.TryRemove(key, out _);
            return Task.CompletedTask;
        }
        var nodes = Store.ListShared(BuiltinResources.Nodes, ObjectFilter.Everything).Items.ToList();
        var verdict = NodeSelection.Select(pod, nodes, _load.PodsOn);
        if (verdict.Node is { } node)
        {
            Bind(key, node);
        }
        else
        {
            _unschedulable[key] = 0;
            MarkUnschedulable(key, verdict.Unschedulable!);
        }
        return Task.CompletedTask;
    }

    private void Bind(ObjectKey key, string node)
    {
        try
        {
            PodBinding.Bind(Store, key.Namespace, key.Name, node, Clock);
            _load.Set(key.ToString(), node);
            _unschedulable.TryRemove(key, out _);
        }
        catch (ApiStatusException e) when (e.Code is 404 or 409)
        {
            // Deleted, or bound by someone else meanwhile: nothing left to schedule.
            _unschedulable.TryRemove(key, out _);
        }
    }

    private void MarkUnschedulable(ObjectKey key, string message)
    {
        try
        {
            Store.Modify(Pods, key.Namespace, key.Name, pod =>
            {
                PodConditions.Set(pod, PodConditions.PodScheduled, "False", "Unschedulable", message, Clock.GetUtcNow());
                return pod;
            }, UpdateScope.Status);
        }
        catch (ApiStatusException e) when (e.Code == 404)
        {
            _unschedulable.TryRemove(key, out _);
        }
    }

    /// <summary>Unbound, for this scheduler, and neither finished nor being deleted.</summary>
    private static bool NeedsScheduling(JsonObject pod) =>
        PodConditions.NodeName(pod).Length == 0
        && (Meta.String(pod["spec"], "schedulerName") ?? DefaultScheduler) is DefaultScheduler or ""
        && PodConditions.IsActive(pod);
}
