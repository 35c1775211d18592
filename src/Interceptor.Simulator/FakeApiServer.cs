using System.Security.Cryptography.X509Certificates;
using Interceptor.Simulator.Admission;
using Interceptor.Simulator.Authentication;
using Interceptor.Simulator.Faults;
using Interceptor.Simulator.Hosting;
using Interceptor.Simulator.Kubeconfig;
using Interceptor.Simulator.Nodes;
using Interceptor.Simulator.Recording;
using Interceptor.Simulator.Store;
using k8s;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Interceptor.Simulator;

/// <summary>
/// A stateful fake kube-apiserver on loopback HTTP. Tests talk to it with the real KubernetesClient
/// (<see cref="CreateClient"/>), seed and inspect state through <see cref="Store"/>, assert on
/// <see cref="Requests"/> and inject failures through <see cref="Faults"/>.
/// </summary>
public sealed class FakeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RequestLog _log;
    private readonly ServingCertificates? _certificates;

    private FakeApiServer(
        WebApplication app,
        FakeObjectStore store,
        RequestLog log,
        FaultInjector faults,
        AdmissionWebhooks webhooks,
        ServingCertificates? certificates,
        Uri baseAddress,
        SimulatedNodes nodes,
        BearerTokens tokens)
    {
        Tokens = tokens;
        _app = app;
        _log = log;
        _certificates = certificates;
        Store = store;
        Faults = faults;
        Webhooks = webhooks;
        BaseAddress = baseAddress;
        Nodes = nodes;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c> (<c>https://</c> with <see cref="FakeApiServerOptions.UseHttps"/>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The CA that signed the serving certificate (public part), or null when the server runs plain HTTP.</summary>
    public X509Certificate2? CertificateAuthority => _certificates?.Ca;

    public FakeObjectStore Store { get; }

    public FaultInjector Faults { get; }

    /// <summary>
    /// How admission webhooks (ValidatingWebhookConfiguration objects in <see cref="Store"/>) are reached:
    /// set <see cref="AdmissionWebhooks.ResolveService"/> for webhooks registered by service.
    /// </summary>
    public AdmissionWebhooks Webhooks { get; }

    /// <summary>Bearer tokens that name a user (with groups and extra fields) for admission: <c>server.Tokens.Add(token, user)</c>.</summary>
    public BearerTokens Tokens { get; }

    /// <summary>Simulated nodes, each with a kubelet that runs the pods bound to it: <c>await server.Nodes.AddAsync("node-a")</c>.</summary>
    public SimulatedNodes Nodes { get; }

    /// <summary>Every request received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    public void ClearRequests() => _log.Clear();

    public static async Task<FakeApiServer> StartAsync(FakeApiServerOptions? options = null, CancellationToken ct = default)
    {
        options ??= new FakeApiServerOptions();
        options.Validate();
        var store = new FakeObjectStore(options);
        var log = new RequestLog(options.RequestLogCapacity);
        var faults = new FaultInjector();
        var webhooks = new AdmissionWebhooks();
        var certificates = options.UseHttps ? ServingCertificates.Create() : null;
        var nodes = new SimulatedNodes(store, options.TimeProvider);
        var tokens = new BearerTokens();
        var app = SimulatorHost.Build(options, store, log, faults, webhooks, certificates, nodes.Proxy, tokens);
        await app.StartAsync(ct);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        var address = addresses.Addresses.First();
        return new FakeApiServer(app, store, log, faults, webhooks, certificates, new Uri(address.TrimEnd('/') + "/"), nodes, tokens);
    }

    /// <summary>A real KubernetesClient pointed at this server, trusting its CA under HTTPS. The caller disposes it.</summary>
    public Kubernetes CreateClient()
    {
        var config = new KubernetesClientConfiguration { Host = BaseAddress.ToString() };
        if (_certificates is not null)
        {
            config.SslCaCerts = [X509CertificateLoader.LoadCertificate(_certificates.Ca.RawData)];
        }
        return new Kubernetes(config);
    }

    /// <summary>
    /// Writes a kubeconfig for this server to <paramref name="path"/>: its URL, its CA (certificate-authority-data,
    /// under HTTPS) and a token user (any token is accepted), so that <c>kubectl --kubeconfig path get nodes</c> works.
    /// </summary>
    public void WriteKubeconfig(string path, string defaultNamespace = "default") =>
        File.WriteAllText(path, KubeconfigWriter.Render(BaseAddress, _certificates?.Ca, defaultNamespace));

    public async ValueTask DisposeAsync()
    {
        await Nodes.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificates?.Dispose();
    }
}
