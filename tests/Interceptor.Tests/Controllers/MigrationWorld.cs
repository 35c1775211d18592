using System.Text.Json.Nodes;
using Interceptor.Api;
using Interceptor.Checkpoint.Registry;
using Interceptor.Checkpoint.Transfer;
using Interceptor.Simulator;
using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Nodes;
using Interceptor.Simulator.Nodes.Images;
using Interceptor.Simulator.Registry;
using Interceptor.Simulator.Resources;
using Interceptor.Tests.Agent;
using Interceptor.Tests.Builders;
using Interceptor.Tests.Support;
using k8s;
using k8s.Models;

namespace Interceptor.Tests.Controllers;

/// <summary>
/// A whole simulated cluster for the migration controller: the fake API server with its controllers and scheduler,
/// a source node and restore-capable target nodes (simulated kubelets with a counter process), the embedded registry
/// over TLS as the nodes' image source, one real agent role per node, and the real Interceptor (webhook and leader-
/// elected controller). Nothing is mocked: every piece talks HTTP to the others.
/// </summary>
public sealed class MigrationWorld : IAsyncDisposable
{
    public const string Repository = "interceptor/checkpoints";
    public const string Source = "node-a";
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("interceptor-migration-");
    private readonly List<AgentHost> _agents = [];
    private RegistryCheckpointImages? _images;
    private bool _registryDown;

    private MigrationWorld(FakeApiServer server, EmbeddedRegistry registry)
    {
        Server = server;
        Registry = registry;
        Client = server.CreateClient();
    }

    public FakeApiServer Server { get; }

    public EmbeddedRegistry Registry { get; }

    public IKubernetes Client { get; }

    public InterceptorHost? Interceptor { get; private set; }

    public TestCertificates Certificates { get; } = new();

    public string RegistryCa => Path.Combine(_scratch.FullName, "registry-ca.crt");

    /// <param name="source">How the source node behaves (faults, memory).</param>
    /// <param name="targets">Target nodes: their names and options (labelled restore-capable unless the options say otherwise).</param>
    public static async Task<MigrationWorld> StartAsync(
        SimulatedNodeOptions? source = null,
        IReadOnlyDictionary<string, SimulatedNodeOptions>? targets = null,
        IDictionary<string, string?>? controller = null,
        bool registryDown = false,
        bool startInterceptor = true)
    {
        var server = await FakeApiServer.StartAsync(new FakeApiServerOptions { Controllers = SimulatedControllers.All });
        server.Store.Resources.Register(BuiltinResources.PodMigrations with { ExtraFieldLabels = ["spec.sourceNode"] });
        var world = new MigrationWorld(server, await EmbeddedRegistry.StartAsync()) { _registryDown = registryDown };
        await world.StartNodesAsync(source ?? Counting, targets ?? new Dictionary<string, SimulatedNodeOptions> { ["node-b"] = RestoreCapable(Counting) });
        if (startInterceptor)
        {
            await world.StartInterceptorAsync(controller);
        }

        return world;
    }

    /// <summary>Fast counters, so a checkpointed value is well above 0 within a test's first second.</summary>
    public static SimulatedNodeOptions Counting { get; } = new() { CounterInterval = TimeSpan.FromMilliseconds(5) };

    public static SimulatedNodeOptions RestoreCapable(SimulatedNodeOptions options) =>
        options with { Labels = new Dictionary<string, string>(options.Labels) { [Labels.RestoreCapable] = Labels.RestoreEnabled } };

    private async Task StartNodesAsync(SimulatedNodeOptions source, IReadOnlyDictionary<string, SimulatedNodeOptions> targets)
    {
        await File.WriteAllTextAsync(RegistryCa, Registry.CertificateAuthority!.ExportCertificatePem());
        _images = new RegistryCheckpointImages(new RegistryOptions { Endpoint = Registry.BaseAddress, CertificateAuthorityPath = RegistryCa });
        Server.Nodes.Images = _images;
        await AddNodeAsync(Source, source);
        foreach (var (name, options) in targets)
        {
            await AddNodeAsync(name, options);
        }
    }

    private async Task AddNodeAsync(string name, SimulatedNodeOptions options)
    {
        var node = await Server.Nodes.AddAsync(name, options);
        var kubelet = node.WriteClientOptions(Directory.CreateDirectory(Path.Combine(_scratch.FullName, name)).FullName);
        _agents.Add(await AgentHost.StartAsync(Server.BaseAddress, name, node.KubeletEndpoint, node.CheckpointDirectory, new Dictionary<string, string?>(RegistrySettings)
        {
            ["Interceptor:Agent:KubeletCertificateAuthorityPath"] = kubelet.CertificateAuthorityPath,
            ["Interceptor:Agent:TokenPath"] = kubelet.TokenPath,
            ["Interceptor:Agent:LocalCheckpointDirectory"] = node.CheckpointDirectory,
        }));
    }

    /// <summary>The registry transport, as the agents and the controller (for deleting images) share it.</summary>
    private Dictionary<string, string?> RegistrySettings => new()
    {
        ["Interceptor:Agent:Transport"] = RegistryCheckpointTransfer.TransportKind,
        // Port 1 on loopback refuses connections: a registry that is down, as the agents see it.
        ["Interceptor:Agent:Registry:Endpoint"] = _registryDown ? "https://127.0.0.1:1/" : Registry.BaseAddress.ToString(),
        ["Interceptor:Agent:Registry:CertificateAuthorityPath"] = RegistryCa,
        ["Interceptor:Agent:Registry:Repository"] = Repository,
    };

    private async Task StartInterceptorAsync(IDictionary<string, string?>? controller)
    {
        Interceptor = await InterceptorHost.StartAsync(Certificates, Server.BaseAddress, ControllerSettings(controller));
        await Interceptor.WaitUntilReadyAsync();
    }

    /// <summary>The controller's settings for this world: fast timings, and the registry transport for deleting images.</summary>
    public Dictionary<string, string?> ControllerSettings(IDictionary<string, string?>? controller = null)
    {
        var settings = new Dictionary<string, string?>(RegistrySettings)
        {
            ["Interceptor:Controller:Enabled"] = "true",
            ["Interceptor:Controller:LeaseNamespace"] = "default",
            ["Interceptor:Controller:LeaseDuration"] = "00:00:03",
            ["Interceptor:Controller:RenewDeadline"] = "00:00:02",
            ["Interceptor:Controller:RetryPeriod"] = "00:00:00.500",
            ["Interceptor:Controller:PollInterval"] = "00:00:00.100",
            ["Interceptor:Controller:ResyncInterval"] = "00:00:02",
        };
        foreach (var (key, value) in controller ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A bare opted-in pod on the source node, Running and counting.</summary>
    public async Task<V1Pod> AddPodAsync(string name, params Action<V1Pod>[] modifiers)
    {
        var pod = TestPods.Pod(name, [TestPods.OnNode(Source), TestPods.InPhase("Pending"), TestPods.OptedIn(), .. modifiers]);
        var created = Server.Store.Create(BuiltinResources.Pods, JsonNode.Parse(KubernetesJson.Serialize(pod))!.AsObject(), pod.Metadata.NamespaceProperty);
        var stored = KubernetesJson.Deserialize<V1Pod>(created.ToJsonString());
        await Eventually.TrueAsync(() => Counter(Source, name) >= 20, TimeSpan.FromSeconds(15), $"pod {name} never ran on {Source}");
        return stored;
    }

    /// <summary>An explicit PodMigration (as a user creates one), optionally naming the target.</summary>
    public async Task<PodMigration> MigrateAsync(V1Pod pod, string? targetNode = null, string onFailure = FailurePolicies.Evict, string trigger = MigrationTriggers.Manual)
    {
        var migration = new PodMigration
        {
            Metadata = new V1ObjectMeta { Name = pod.Metadata.Name + "-migration", NamespaceProperty = pod.Metadata.NamespaceProperty },
            Spec = new PodMigrationSpec
            {
                PodName = pod.Metadata.Name, PodUid = pod.Metadata.Uid, SourceNode = pod.Spec.NodeName,
                TargetNode = targetNode, Trigger = trigger, OnFailure = onFailure,
            },
        };
        return await Client.CustomObjects.CreateNamespacedCustomObjectAsync<PodMigration>(migration, PodMigration.Group, PodMigration.Version,
            pod.Metadata.NamespaceProperty, PodMigration.Plural);
    }

    public PodMigration? Get(PodMigration migration) =>
        Server.Store.TryGet(BuiltinResources.PodMigrations, migration.Metadata.NamespaceProperty, migration.Metadata.Name) is { } json
            ? KubernetesJson.Deserialize<PodMigration>(json.ToJsonString())
            : null;

    /// <summary>Waits until the migration reaches a terminal phase and returns it.</summary>
    public async Task<PodMigration> FinishedAsync(PodMigration migration, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(() => Get(migration) is { } m && !MigrationPhases.IsInProgress(m.Status?.Phase) && m.Status?.Phase is not null,
            timeout ?? TimeSpan.FromSeconds(30), $"migration {migration.Metadata.Name} never finished: {Describe(migration)}");
        return Get(migration)!;
    }

    public string Describe(PodMigration migration) => Get(migration) is { } m
        ? $"phase {m.Status?.Phase} reason {m.Status?.Reason}: {m.Status?.Message}; history {string.Join(" > ", (m.Status?.PhaseHistory ?? []).Select(p => p.Phase))}"
        : "deleted";

    public V1Pod? Pod(string name) =>
        Server.Store.TryGet(BuiltinResources.Pods, TestPods.Namespace, name) is { } json ? KubernetesJson.Deserialize<V1Pod>(json.ToJsonString()) : null;

    /// <summary>An eviction of the pod as the API server reviews it with the real webhook: the AdmissionReview's response.</summary>
    public async Task<JsonNode> ReviewEvictionAsync(string pod)
    {
        var uid = Guid.NewGuid().ToString();
        var (_, body) = await AdmissionReviews.PostAsync(Interceptor!.Webhook, AdmissionReviews.Eviction(TestPods.Namespace, pod, uid));
        return AdmissionReviews.Response(body, uid);
    }

    /// <summary>Events recorded about the object with this UID (a pod or a PodMigration), oldest first.</summary>
    public IReadOnlyList<Corev1Event> EventsFor(string? uid) =>
        [.. Server.Store.List(BuiltinResources.Events).Items
            .Select(e => KubernetesJson.Deserialize<Corev1Event>(e.ToJsonString()))
            .Where(e => e.InvolvedObject?.Uid == uid)];

    /// <summary>Whether the registry still serves the manifest a checkpoint image reference pins.</summary>
    public async Task<bool> ImageExistsAsync(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        using var client = Registry.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, $"v2/{Repository}/manifests/{image[(at + 1)..]}");
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        using var response = await client.SendAsync(request);
        return response.IsSuccessStatusCode;
    }

    public long? Counter(string node, string pod) => Server.Nodes.Find(node)?.ReadCounter(TestPods.Namespace, pod, "app")?.ValueAt(DateTimeOffset.UtcNow);

    public ProcessCounter? Process(string node, string pod) => Server.Nodes.Find(node)?.ReadCounter(TestPods.Namespace, pod, "app");

    public async ValueTask DisposeAsync()
    {
        if (Interceptor is not null)
        {
            await Interceptor.DisposeAsync();
        }

        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }

        _images?.Dispose();
        await Server.DisposeAsync();
        await Registry.DisposeAsync();
        Certificates.Dispose();
        _scratch.Delete(recursive: true);
    }
}
