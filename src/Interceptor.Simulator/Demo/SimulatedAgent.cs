using Interceptor.Hosting;
using Interceptor.Options;
using Interceptor.Simulator.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// The real agent role (<c>--role agent</c>, the DaemonSet's process) for one simulated node, in-process: it talks to
/// that node's own kubelet endpoint with the node's CA and token, as the DaemonSet's mounts would give it, and
/// publishes checkpoints through the transport <c>settings</c> name.
/// </summary>
public sealed class SimulatedAgent : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatedAgent(WebApplication app, string node, Uri health)
    {
        _app = app;
        Node = node;
        HealthAddress = health;
    }

    public string Node { get; }

    /// <summary>The plain-HTTP listener of /healthz, /readyz and /metrics.</summary>
    public Uri HealthAddress { get; }

    /// <param name="directory">Where the node's kubelet CA and token files (and a kubeconfig) are written; the caller deletes it.</param>
    /// <param name="settings">The transport settings (<c>Interceptor:Agent:Transport</c> and its section), shared with the controller.</param>
    public static async Task<SimulatedAgent> StartAsync(
        FakeApiServer cluster, SimulatedNode node, string directory, IReadOnlyDictionary<string, string?> settings,
        string logLevel = "Warning", CancellationToken cancellationToken = default)
    {
        var kubelet = node.WriteClientOptions(directory);
        var apiServer = ApiServerConnection.Setting(cluster, directory);
        var app = InterceptorApp.Build(["--environment", "Simulation"], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Set directly: WebApplication's own command line has no --role switch mapping (Program.cs adds it).
            [InterceptorOptions.Section + ":" + nameof(InterceptorOptions.Role)] = InterceptorRoles.Agent,
            ["NODE_NAME"] = node.Name,
            ["Interceptor:Health:Port"] = "0", ["Interceptor:Health:BindAddress"] = "127.0.0.1",
            [apiServer.Key] = apiServer.Value,
            ["Interceptor:Agent:KubeletAddress"] = node.KubeletEndpoint.ToString(),
            ["Interceptor:Agent:KubeletCertificateAuthorityPath"] = kubelet.CertificateAuthorityPath,
            ["Interceptor:Agent:TokenPath"] = kubelet.TokenPath,
            // The simulated kubelet writes archives where the agent reads them: one directory, no mount in between.
            ["Interceptor:Agent:KubeletCheckpointDirectory"] = node.CheckpointDirectory,
            ["Interceptor:Agent:LocalCheckpointDirectory"] = node.CheckpointDirectory,
            ["Interceptor:Agent:ResyncInterval"] = "00:00:01",
            ["Serilog:MinimumLevel:Default"] = logLevel,
            ["Serilog:MinimumLevel:Override:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Fatal",
        }).AddInMemoryCollection(settings));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var health = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            await HealthProbe.WaitReadyAsync(health, $"the agent of {node.Name}", TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
            return new SimulatedAgent(app, node.Name, health);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
