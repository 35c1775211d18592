using System.Net;
using Interceptor.Checkpoint.Archive;
using Interceptor.Checkpoint.Kubelet;
using Interceptor.Checkpoint.Transfer;
using Interceptor.Diagnostics;
using Interceptor.Hosting;
using Interceptor.Kube;
using Interceptor.Options;
using k8s;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Interceptor.Agent;

/// <summary>The agent role's services: kubelet client, archive reader, transport, the sync loop, and a plain health listener.</summary>
public static class AgentComposition
{
    /// <summary>The downward-API variables the DaemonSet sets (manifests/agent/daemonset.yaml).</summary>
    public const string NodeNameVariable = "NODE_NAME";
    public const string NodeIpVariable = "NODE_IP";

    public static WebApplicationBuilder AddCheckpointAgent(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.PostConfigure<InterceptorOptions>(o =>
        {
            o.Agent.NodeName = string.IsNullOrEmpty(o.Agent.NodeName) ? configuration[NodeNameVariable] : o.Agent.NodeName;
            o.Agent.NodeIp = string.IsNullOrEmpty(o.Agent.NodeIp) ? configuration[NodeIpVariable] : o.Agent.NodeIp;
        });

        services.AddSingleton<IKubeletCheckpointClient>(p =>
        {
            var kubelet = Agent(p).ToKubeletOptions();
            return new KubeletCheckpointClient(KubeletHttpClient.Create(kubelet), kubelet, p.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(p => new AgentRegistry(Agent(p).Registry, p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ILogger<AgentRegistry>>()));
        services.TryAddSingleton(Transport);
        services.AddSingleton(new CheckpointArchiveReader());
        services.AddSingleton(p => new LocalArchives(
            Agent(p).KubeletCheckpointDirectory, Agent(p).LocalCheckpointDirectory is { Length: > 0 } local ? local : Agent(p).KubeletCheckpointDirectory,
            p.GetRequiredService<ILogger<LocalArchives>>()));
        services.AddSingleton(p => new ContainerCheckpointer(
            p.GetRequiredService<IKubeletCheckpointClient>(), p.GetRequiredService<ICheckpointTransfer>(),
            p.GetRequiredService<LocalArchives>(), p.GetRequiredService<InterceptorMetrics>(), p.GetRequiredService<TimeProvider>(), Agent(p).CheckpointTimeout));
        services.AddSingleton<PodMigrationClient>();
        services.AddSingleton<MigrationStatusWriter>();
        services.AddSingleton(p => new MigrationEventWriter(
            p.GetRequiredService<IKubernetes>(), p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ILogger<MigrationEventWriter>>(), Agent(p).NodeName!));
        services.AddSingleton(p => ActivatorUtilities.CreateInstance<MigrationSync>(p, Agent(p).NodeName!));
        services.AddSingleton<CheckpointAgent>();
        services.AddHostedService(p => p.GetRequiredService<CheckpointAgent>());
        services.AddHealthChecks().AddCheck<AgentCacheHealthCheck>("podmigrations", tags: [HealthEndpoints.ReadyTag]);

        // The agent serves nothing but probes and metrics: one plain-HTTP listener, no webhook, no certificate.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var health = kestrel.ApplicationServices.GetRequiredService<IOptions<InterceptorOptions>>().Value.Health;
            kestrel.Listen(health.BindAddress == "*" ? IPAddress.Any : IPAddress.Parse(health.BindAddress), health.Port);
            kestrel.AddServerHeader = false;
        });
        return builder;
    }

    // Only the configured transport is made: the registry's HttpClient is not created for a shared-volume agent.
    private static ICheckpointTransfer Transport(IServiceProvider provider) => Agent(provider).Transport switch
    {
        RegistryCheckpointTransfer.TransportKind => provider.GetRequiredService<AgentRegistry>().Transfer,
        _ => new SharedVolumeCheckpointTransfer(Agent(provider).SharedVolumePath, timeProvider: provider.GetRequiredService<TimeProvider>(),
            reader: provider.GetRequiredService<CheckpointArchiveReader>()),
    };

    private static AgentOptions Agent(IServiceProvider provider) => provider.GetRequiredService<IOptions<InterceptorOptions>>().Value.Agent;
}
