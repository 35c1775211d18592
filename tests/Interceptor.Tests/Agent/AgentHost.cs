using Interceptor.Diagnostics;
using Interceptor.Hosting;
using Interceptor.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace Interceptor.Tests.Agent;

/// <summary>
/// The real executable in the agent role (<c>--role agent</c>), on loopback: the FakeCluster as API server, a
/// kubelet at the given address, the shared volume and the kubelet checkpoint directory in temp dirs; <c>settings</c>
/// switch it to the registry transport.
/// </summary>
public sealed class AgentHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AgentHost(WebApplication app, InMemoryLogSink logs)
    {
        _app = app;
        Logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Health = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Health { get; }

    public InMemoryLogSink Logs { get; }

    public InterceptorMetrics Metrics => _app.Services.GetRequiredService<InterceptorMetrics>();

    public static Task<AgentHost> StartAsync(AgentWorld world, Uri kubelet, IDictionary<string, string?>? settings = null) =>
        StartAsync(world.Cluster.BaseAddress, world.NodeName, kubelet, world.CheckpointDirectory, new Dictionary<string, string?>
        {
            // The shared volume unless a test's settings choose the registry (the product's default).
            ["Interceptor:Agent:Transport"] = "shared-volume",
            ["Interceptor:Agent:SharedVolumePath"] = world.SharedVolume,
        }.Concat(settings ?? new Dictionary<string, string?>()).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value));

    /// <summary>An agent for node <paramref name="nodeName"/> of the API server at <paramref name="apiServer"/>.</summary>
    public static async Task<AgentHost> StartAsync(Uri apiServer, string nodeName, Uri kubelet, string checkpointDirectory, IDictionary<string, string?> settings)
    {
        var sink = new InMemoryLogSink();
        var app = InterceptorApp.Build(["--environment", "Testing", "--role", "agent"], builder =>
        {
            builder.Configuration.AddCommandLine(["--role", "agent"], Options.InterceptorRoles.Switches);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["NODE_NAME"] = nodeName,
                ["Interceptor:Health:Port"] = "0",
                ["Interceptor:Health:BindAddress"] = "127.0.0.1",
                ["Interceptor:Kubernetes:Host"] = apiServer.ToString(),
                ["Interceptor:Agent:KubeletAddress"] = kubelet.ToString(),
                ["Interceptor:Agent:TokenPath"] = "",
                ["Interceptor:Agent:KubeletCheckpointDirectory"] = checkpointDirectory,
                ["Interceptor:Agent:ResyncInterval"] = "00:00:01",
                ["Serilog:MinimumLevel:Default"] = "Debug",
                ["Serilog:MinimumLevel:Override:Microsoft"] = "Warning",
            });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddSingleton<ILogEventSink>(sink);
        });
        await app.StartAsync();
        return new AgentHost(app, sink);
    }

    public async ValueTask DisposeAsync()
    {
        Health.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
