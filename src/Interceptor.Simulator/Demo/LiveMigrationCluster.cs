using System.Collections.Concurrent;
using Interceptor.Api;
using Interceptor.Checkpoint.Registry;
using Interceptor.Checkpoint.Transfer;
using Interceptor.Options;
using Interceptor.Simulator.Nodes;
using Interceptor.Simulator.Nodes.Images;
using Interceptor.Simulator.Registry;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// Everything a live migration needs around a <see cref="FakeApiServer"/>, all of it the real service: an OCI registry
/// (the embedded one over TLS, or a given one) that the nodes restore checkpoint images from, the
/// <c>interceptor.dev/restore=enabled</c> label on restore-capable nodes, one agent role per simulated node, and the
/// interceptor (eviction webhook and migration controller) configured with the agents' transport, so it can delete
/// the images after a migration. Controller timings are short, for demos and tests.
/// </summary>
public sealed class LiveMigrationCluster : IAsyncDisposable
{
    public const string Repository = AgentRegistryOptions.DefaultRepository;

    private readonly FakeApiServer _cluster;
    private readonly LiveMigrationOptions _options;
    private readonly DirectoryInfo _scratch;
    private readonly EmbeddedRegistry? _registry;
    private readonly ICheckpointImageSource _previousImages;
    private readonly RegistryOptions _registryOptions;
    private readonly RegistryCheckpointImages _images;
    private readonly IReadOnlyDictionary<string, string?> _transport;
    private readonly ConcurrentDictionary<string, SimulatedAgent> _agents = new(StringComparer.Ordinal);
    private SimulatedInterceptor? _interceptor;

    private LiveMigrationCluster(FakeApiServer cluster, LiveMigrationOptions options, DirectoryInfo scratch, EmbeddedRegistry? registry, Uri registryAddress, string? registryCa)
    {
        _cluster = cluster;
        _options = options;
        _scratch = scratch;
        _registry = registry;
        RegistryAddress = registryAddress;
        _registryOptions = new RegistryOptions { Endpoint = registryAddress, CertificateAuthorityPath = registryCa };
        _images = new RegistryCheckpointImages(_registryOptions);
        _previousImages = cluster.Nodes.Images;
        cluster.Nodes.Images = _images;
        _transport = new Dictionary<string, string?>
        {
            ["Interceptor:Agent:Transport"] = RegistryCheckpointTransfer.TransportKind,
            ["Interceptor:Agent:Registry:Endpoint"] = registryAddress.ToString(),
            ["Interceptor:Agent:Registry:CertificateAuthorityPath"] = registryCa,
            ["Interceptor:Agent:Registry:Repository"] = Repository,
        };
    }

    /// <summary>The registry checkpoint images go to.</summary>
    public Uri RegistryAddress { get; }

    /// <summary>Whether <see cref="RegistryAddress"/> is the embedded registry (no <see cref="LiveMigrationOptions.Registry"/> given).</summary>
    public bool IsEmbeddedRegistry => _registry is not null;

    public SimulatedInterceptor Interceptor => _interceptor ?? throw new InvalidOperationException("not started");

    /// <summary>The nodes an agent runs on.</summary>
    public IReadOnlyCollection<string> AgentNodes => [.. _agents.Keys.Order(StringComparer.Ordinal)];

    /// <summary>An HTTP client trusting the registry as the agents and nodes do (its CA only, when there is one). The caller disposes it.</summary>
    public HttpClient CreateRegistryClient() => RegistryHttpClient.Create(_registryOptions);

    /// <summary>Fast controller timings: a demo drain takes seconds, a killed leader is replaced within 3 s.</summary>
    public static IReadOnlyDictionary<string, string?> FastController { get; } = new Dictionary<string, string?>
    {
        ["Interceptor:Controller:PollInterval"] = "00:00:00.100",
        ["Interceptor:Controller:ResyncInterval"] = "00:00:02",
        ["Interceptor:Controller:LeaseDuration"] = "00:00:03",
        ["Interceptor:Controller:RenewDeadline"] = "00:00:02",
        ["Interceptor:Controller:RetryPeriod"] = "00:00:00.500",
    };

    /// <summary>Starts the registry, an agent on every node simulated so far, and the interceptor; nodes added later join through <see cref="AddNodeAsync"/>.</summary>
    public static async Task<LiveMigrationCluster> StartAsync(FakeApiServer cluster, LiveMigrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LiveMigrationOptions();
        // What the CRD's selectableFields make a real API server do: the agents list only their node's migrations.
        cluster.Store.Resources.Register(BuiltinResources.PodMigrations with { ExtraFieldLabels = ["spec.sourceNode"] });
        var scratch = Directory.CreateTempSubdirectory("interceptor-live-migration-");
        EmbeddedRegistry? registry = null;
        LiveMigrationCluster? started = null;
        try
        {
            registry = options.Registry is null ? await EmbeddedRegistry.StartAsync(ct: cancellationToken).ConfigureAwait(false) : null;
            var registryCa = registry is null ? options.RegistryCertificateAuthorityPath : WriteCertificateAuthority(registry, scratch);
            started = new LiveMigrationCluster(cluster, options, scratch, registry, registry?.BaseAddress ?? options.Registry!, registryCa);
            foreach (var node in cluster.Nodes.All)
            {
                await started.EnrollAsync(node, cancellationToken).ConfigureAwait(false);
            }

            started._interceptor = await SimulatedInterceptor.StartAsync(cluster, options.LogLevel, started.InterceptorSettings(), cancellationToken,
                mutatePods: options.ServingGates).ConfigureAwait(false);
            return started;
        }
        catch
        {
            if (started is not null)
            {
                await started.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await (registry?.DisposeAsync() ?? ValueTask.CompletedTask).ConfigureAwait(false);
                scratch.Delete(recursive: true);
            }

            throw;
        }
    }

    /// <summary>Adds a simulated node, labels it if it is restore-capable and starts its agent.</summary>
    public async Task<SimulatedNode> AddNodeAsync(string name, SimulatedNodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        var node = await _cluster.Nodes.AddAsync(name, options, cancellationToken).ConfigureAwait(false);
        await EnrollAsync(node, cancellationToken).ConfigureAwait(false);
        return node;
    }

    private async Task EnrollAsync(SimulatedNode node, CancellationToken cancellationToken)
    {
        if (_options.IsRestoreCapable(node.Name))
        {
            LabelRestoreCapable(node.Name);
        }

        var directory = _scratch.CreateSubdirectory(node.Name).FullName;
        var agent = await SimulatedAgent.StartAsync(_cluster, node, directory, _transport, _options.LogLevel, cancellationToken).ConfigureAwait(false);
        _agents[node.Name] = agent;
    }

    private void LabelRestoreCapable(string node) =>
        _cluster.Store.Modify(BuiltinResources.Nodes, null, node, existing =>
        {
            var metadata = existing["metadata"]!.AsObject();
            var labels = metadata["labels"] as System.Text.Json.Nodes.JsonObject ?? [];
            labels[Labels.RestoreCapable] = Labels.RestoreEnabled;
            metadata["labels"] = labels;
            return existing;
        }, UpdateScope.Main);

    private Dictionary<string, string?> InterceptorSettings()
    {
        var settings = new Dictionary<string, string?>(FastController);
        foreach (var (key, value) in _transport.Concat(_options.Settings))
        {
            settings[key] = value;
        }

        return settings;
    }

    private static string WriteCertificateAuthority(EmbeddedRegistry registry, DirectoryInfo scratch)
    {
        var path = Path.Combine(scratch.FullName, "registry-ca.crt");
        File.WriteAllText(path, registry.CertificateAuthority!.ExportCertificatePem());
        return path;
    }

    /// <summary>The interceptor first (no controller acts on a half-stopped world), then the agents, the image source and the registry.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_interceptor is not null)
        {
            await _interceptor.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var agent in _agents.Values)
        {
            await agent.DisposeAsync().ConfigureAwait(false);
        }

        _agents.Clear();
        _cluster.Nodes.Images = _previousImages;
        _images.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync().ConfigureAwait(false);
        }

        _scratch.Delete(recursive: true);
    }
}
