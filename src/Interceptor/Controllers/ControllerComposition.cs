using Interceptor.Agent;
using Interceptor.Checkpoint.Transfer;
using Interceptor.Diagnostics;
using Interceptor.Kube;
using Interceptor.Migration;
using Interceptor.Options;
using Microsoft.Extensions.Options;

namespace Interceptor.Controllers;

/// <summary>The migration controller's services, added to the webhook role (docs/design/20261206-migration-controller.md).</summary>
public static class ControllerComposition
{
    public static IServiceCollection AddMigrationController(this IServiceCollection services)
    {
        services.AddSingleton<MigrationMetrics>();
        services.AddSingleton<PodMigrationClient>();
        services.AddSingleton<PodOperations>();
        services.AddSingleton<TargetSelector>();
        services.AddSingleton<MigrationRecorder>();
        services.AddSingleton<BudgetTracker>();
        services.AddSingleton<ServingGateOpener>();
        services.AddSingleton(p => MigrationPolicy.From(p.GetRequiredService<IOptions<InterceptorOptions>>().Value.Controller));
        services.AddSingleton<ICheckpointCleanup>(p => new TransportCheckpointCleanup(CleanupTransport(p), p.GetRequiredService<ILogger<TransportCheckpointCleanup>>()));
        services.AddSingleton<MigrationExecutor>();
        services.AddSingleton<PodMigrationReconciler>();
        services.AddSingleton<MigrationController>();
        services.AddHostedService(p => p.GetRequiredService<MigrationController>());
        return services;
    }

    /// <summary>
    /// The transport the agents publish with, when the controller is configured with it too (the same <c>Interceptor:Agent</c>
    /// settings): only then can it delete what they published. Null otherwise: the status and an Event say the images stay.
    /// </summary>
    private static ICheckpointTransfer? CleanupTransport(IServiceProvider p)
    {
        var agent = p.GetRequiredService<IOptions<InterceptorOptions>>().Value.Agent;
        return agent.Transport switch
        {
            RegistryCheckpointTransfer.TransportKind when agent.Registry.Endpoint is not null =>
                new AgentRegistry(agent.Registry, p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ILogger<AgentRegistry>>()).Transfer,
            SharedVolumeCheckpointTransfer.TransportKind when Directory.Exists(agent.SharedVolumePath) =>
                new SharedVolumeCheckpointTransfer(agent.SharedVolumePath, timeProvider: p.GetRequiredService<TimeProvider>()),
            _ => null,
        };
    }
}
