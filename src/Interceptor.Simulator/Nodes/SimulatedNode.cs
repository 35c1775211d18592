using System.Text.Json.Nodes;
using Interceptor.Checkpoint.Kubelet;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// One simulated node: its Node object, a kubelet that runs the pods bound to it, a checkpoint directory (a temp
/// directory of its own) and an HTTPS kubelet endpoint on loopback. Made by <see cref="SimulatedNodes.AddAsync(string, SimulatedNodeOptions?, CancellationToken)"/>.
/// </summary>
public sealed class SimulatedNode : IAsyncDisposable
{
    private readonly FakeObjectStore _store;
    private readonly TimeProvider _clock;
    private readonly SimulatedNodes _nodes;
    private readonly int _index;
    private SimulatedNodeOptions _options;
    private KubeletListener? _listener;
    private SimulatedKubelet? _kubelet;
    private ITimer? _heartbeat;
    private volatile bool _failed;

    internal SimulatedNode(string name, SimulatedNodeOptions options, int index, FakeObjectStore store, TimeProvider clock, SimulatedNodes nodes)
    {
        Name = name;
        _options = options;
        _index = index;
        _store = store;
        _clock = clock;
        _nodes = nodes;
        InternalIP = $"10.0.{index / 250}.{(index % 250) + 2}";
        CheckpointDirectory = Directory.CreateTempSubdirectory($"interceptor-node-{name}-").FullName;
        // The bearer token the kubelet endpoint accepts (as --authentication-token-webhook would approve it).
        KubeletToken = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        Api = new KubeletApi(this, new ContainerCheckpointer(store, clock, this), clock);
    }

    public string Name { get; }

    /// <summary>The node's InternalIP (and every pod's hostIP); not routable, the kubelet listens on loopback.</summary>
    public string InternalIP { get; }

    /// <summary>Where checkpoint archives are written; removed when the node is disposed.</summary>
    public string CheckpointDirectory { get; }

    /// <summary>The token the direct kubelet endpoint requires as <c>Authorization: Bearer</c>.</summary>
    public string KubeletToken { get; }

    public int KubeletPort => _listener?.Port ?? 0;

    /// <summary>The kubelet endpoint, <c>https://127.0.0.1:{port}/</c>; its certificate names <see cref="Name"/>.</summary>
    public Uri KubeletEndpoint => new($"https://127.0.0.1:{KubeletPort}/");

    /// <summary>PEM of the CA that signed the kubelet's serving certificate.</summary>
    public string KubeletCertificateAuthorityPem => _listener?.CertificateAuthorityPem ?? "";

    /// <summary>Whether the node is failed: kubelet stopped, Ready Unknown, endpoint unreachable.</summary>
    public bool IsFailed => _failed;

    /// <summary>The node's behaviour; replace it (for example to inject a checkpoint fault) at any time. Pods admitted before keep their timings.</summary>
    public SimulatedNodeOptions Options
    {
        get => Volatile.Read(ref _options);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            Volatile.Write(ref _options, value);
        }
    }

    internal KubeletApi Api { get; }

    internal int Index => _index;

    internal SimulatedKubelet Kubelet => _kubelet ?? throw new InvalidOperationException("the node is not started");

    internal ICheckpointImageSource Images => _nodes.Images;

    /// <summary>The last error the kubelet's pod worker hit (it retries), or null: for diagnosing a test.</summary>
    public Exception? LastKubeletError => _kubelet?.LastError;

    /// <summary>
    /// The counter of a container's simulated process on this node, or null when the kubelet runs no such container.
    /// <c>ValueAt(now)</c> gives its value; <see cref="ProcessCounter.InitialValue"/> is 0 after a cold start and the
    /// checkpointed value after a restore. Also served as <c>GET /counter/{ns}/{pod}/{container}</c>.
    /// </summary>
    public ProcessCounter? ReadCounter(string ns, string pod, string container)
    {
        if (_kubelet?.Runtime(ns, pod) is not { } runtime || runtime.Containers.FirstOrDefault(c => c.Name == container) is not { } target)
        {
            return null;
        }
        var deletion = _store.TryGet(BuiltinResources.Pods, ns, pod) is { } obj ? PodFields.DeletionTimestamp(obj) : null;
        return runtime.Counter(target, deletion, Options.CounterInterval);
    }

    /// <summary>
    /// Options for the real <see cref="KubeletCheckpointClient"/> to call this node's kubelet directly: writes the CA
    /// and the token into <paramref name="directory"/> and names the node for the TLS check.
    /// </summary>
    public KubeletClientOptions WriteClientOptions(string directory)
    {
        var caPath = Path.Combine(directory, $"{Name}-kubelet-ca.crt");
        var tokenPath = Path.Combine(directory, $"{Name}-token");
        File.WriteAllText(caPath, KubeletCertificateAuthorityPem);
        File.WriteAllText(tokenPath, KubeletToken);
        return new KubeletClientOptions
        {
            BaseAddress = KubeletEndpoint,
            CertificateAuthorityPath = caPath,
            TlsServerName = Name,
            TokenPath = tokenPath,
            CheckpointDirectory = CheckpointDirectory,
        };
    }

    /// <summary>The node fails: Ready (and every condition) turns Unknown, the kubelet stops, its endpoint drops connections; pods per <see cref="SimulatedNodeOptions.PodsOnFailure"/>.</summary>
    public Task FailAsync()
    {
        _failed = true;
        Kubelet.SetPosting(false);
        PostConditions(posting: false);
        NodeFailure.Apply(_store, Name, Options.PodsOnFailure, _clock.GetUtcNow());
        return Task.CompletedTask;
    }

    /// <summary>The node comes back: Ready True, the kubelet re-syncs the pods still bound to it.</summary>
    public Task RecoverAsync()
    {
        _failed = false;
        PostConditions(posting: true);
        Kubelet.SetPosting(true);
        return Task.CompletedTask;
    }

    internal string PodIP(int ordinal) => $"10.244.{_index}.{(ordinal % 250) + 2}";

    internal async Task StartAsync(CancellationToken ct)
    {
        _listener = await KubeletListener.StartAsync(this, Api, ct).ConfigureAwait(false);
        Register();
        _kubelet = new SimulatedKubelet(_store, _clock, this);
        if (Options.HeartbeatInterval is { } interval)
        {
            _heartbeat = _clock.CreateTimer(_ => { if (!_failed) { PostConditions(posting: true); } }, null, interval, interval);
        }
    }

    /// <summary>Creates the Node object, or takes over one that already exists (a kubelet re-registering).</summary>
    private void Register()
    {
        var node = NodeObject.Build(Name, Options, InternalIP, KubeletPort, _clock.GetUtcNow());
        if (_store.TryGet(BuiltinResources.Nodes, null, Name) is null)
        {
            _store.Create(BuiltinResources.Nodes, node, null);
            return;
        }
        _store.Modify(BuiltinResources.Nodes, null, Name, existing =>
        {
            var labels = Meta.Of(existing)["labels"] as JsonObject ?? [];
            foreach (var (key, value) in node["metadata"]!["labels"]!.AsObject())
            {
                labels[key] = value?.DeepClone();
            }
            Meta.Of(existing)["labels"] = labels;
            return existing;
        }, Store.UpdateScope.Main);
        _store.Modify(BuiltinResources.Nodes, null, Name, existing =>
        {
            existing["status"] = node["status"]!.DeepClone();
            return existing;
        }, Store.UpdateScope.Status);
    }

    private void PostConditions(bool posting)
    {
        if (_store.TryGet(BuiltinResources.Nodes, null, Name) is null)
        {
            // Someone deleted the Node object; a real kubelet would re-register, this one stays quiet.
            return;
        }
        _store.Modify(BuiltinResources.Nodes, null, Name, node =>
        {
            var status = node["status"] as JsonObject ?? [];
            status["conditions"] = NodeObject.Conditions(posting, status["conditions"] as JsonArray, _clock.GetUtcNow());
            node["status"] = status;
            return node;
        }, Store.UpdateScope.Status);
    }

    public async ValueTask DisposeAsync()
    {
        _heartbeat?.Dispose();
        if (_kubelet is not null)
        {
            await _kubelet.DisposeAsync().ConfigureAwait(false);
        }
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }
        Directory.Delete(CheckpointDirectory, recursive: true);
    }
}
