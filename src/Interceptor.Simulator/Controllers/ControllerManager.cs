using Interceptor.Simulator.Admission;
using Interceptor.Simulator.Scheduling;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// The simulated kube-controller-manager and kube-scheduler: runs the loops chosen in
/// <see cref="FakeApiServerOptions.Controllers"/> for the server's lifetime (a hosted service of its host).
/// </summary>
internal sealed class ControllerManager(
    FakeObjectStore store, CreateAdmission admission, FakeApiServerOptions options, ILoggerFactory logs) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Loops().Select(loop => Task.Run(() => loop.RunAsync(stoppingToken), CancellationToken.None)));

    private IEnumerable<ControllerLoop> Loops()
    {
        var clock = options.TimeProvider;
        var enabled = options.Controllers;
        if (enabled.HasFlag(SimulatedControllers.ReplicaSets))
        {
            yield return new ReplicaSetController(store, admission, clock, logs.CreateLogger<ReplicaSetController>())
            {
                DependentInformerLag = options.ReplicaSetPodInformerLag,
            };
        }
        if (enabled.HasFlag(SimulatedControllers.Deployments))
        {
            yield return new DeploymentController(store, admission, clock, logs.CreateLogger<DeploymentController>());
        }
        if (enabled.HasFlag(SimulatedControllers.StatefulSets))
        {
            yield return new StatefulSetController(store, admission, clock, logs.CreateLogger<StatefulSetController>());
        }
        if (enabled.HasFlag(SimulatedControllers.DaemonSets))
        {
            yield return new DaemonSetController(store, admission, clock, logs.CreateLogger<DaemonSetController>());
        }
        if (enabled.HasFlag(SimulatedControllers.GarbageCollector))
        {
            yield return new GarbageCollector(store, clock, logs.CreateLogger<GarbageCollector>());
        }
        if (enabled.HasFlag(SimulatedControllers.EndpointSlices))
        {
            yield return new EndpointSliceController(store, clock, logs.CreateLogger<EndpointSliceController>());
        }
        if (enabled.HasFlag(SimulatedControllers.Disruption))
        {
            yield return new DisruptionController(store, clock, logs.CreateLogger<DisruptionController>());
        }
        if (enabled.HasFlag(SimulatedControllers.Scheduler))
        {
            yield return new Scheduler(store, clock, logs.CreateLogger<Scheduler>());
        }
    }
}
