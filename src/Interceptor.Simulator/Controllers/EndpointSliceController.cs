using System.Text.Json.Nodes;
using Interceptor.Simulator.Controllers.EndpointSlices;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// kube-controller-manager's endpointslice controller (pkg/controller/endpointslice/endpointslice_controller.go):
/// keyed by Service; a pod event queues every Service whose selector matches the pod's new or old labels
/// (getPodServiceMemberships), and an event on a slice this controller manages queues its Service again, so a
/// slice edited or deleted by someone else is put back.
/// </summary>
internal sealed class EndpointSliceController(FakeObjectStore store, TimeProvider clock, ILogger logger)
    : ControllerLoop(store, clock, logger)
{
    private readonly EndpointSliceReconciler _reconciler = new(store);

    protected override IReadOnlyList<ResourceType> Watched =>
        [BuiltinResources.Services, BuiltinResources.Pods, BuiltinResources.EndpointSlices];

    protected override void OnEvent(WatchEvent e)
    {
        var ns = Meta.Namespace(e.Object)!;
        if (e.Resource == BuiltinResources.Services)
        {
            Queue.Add(new ObjectKey(ns, Meta.Name(e.Object)!));
        }
        else if (e.Resource == BuiltinResources.EndpointSlices)
        {
            if (EndpointSliceLabels.IsManaged(e.Object) && Meta.Label(e.Object, EndpointSliceLabels.ServiceName) is { } service)
            {
                Queue.Add(new ObjectKey(ns, service));
            }
        }
        else
        {
            QueueServicesOf(e.Object, e.Previous);
        }
    }

    protected override Task SyncAsync(ObjectKey key, CancellationToken ct)
    {
        var service = Store.TryGet(BuiltinResources.Services, key.Namespace, key.Name);
        if (service is null)
        {
            _reconciler.Forget(key.Namespace, key.Name);
        }
        else if (Selector(service) is { } selector)
        {
            // syncService: a Service without a selector gets no slices from this controller (its owner writes them).
            var pods = Store.ListShared(BuiltinResources.Pods, WorkloadSelectors.InNamespace(key.Namespace)).Items.Where(selector.Matches);
            _reconciler.Reconcile(service, pods);
        }
        return Task.CompletedTask;
    }

    private void QueueServicesOf(JsonObject pod, JsonObject? previous)
    {
        foreach (var service in Store.ListShared(BuiltinResources.Services, WorkloadSelectors.InNamespace(Meta.Namespace(pod)!)).Items)
        {
            if (Selector(service) is { } selector && (selector.Matches(pod) || (previous is not null && selector.Matches(previous))))
            {
                Queue.Add(new ObjectKey(Meta.Namespace(service)!, Meta.Name(service)!));
            }
        }
    }

    /// <summary>spec.selector, a plain label map (labels.SelectorFromValidatedSet), or null when absent or empty.</summary>
    private static LabelSelector? Selector(JsonObject service) =>
        service["spec"]?["selector"] is JsonObject { Count: > 0 } labels
            ? LabelSelectorJson.Parse(new JsonObject { ["matchLabels"] = labels.DeepClone() })
            : null;
}
