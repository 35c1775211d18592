using System.Collections.Concurrent;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// The simulated nodes of a <see cref="FakeApiServer"/> (<c>server.Nodes</c>): add nodes, find them, remove them.
/// The first node added turns on graceful pod deletion for pods on simulated nodes (<see cref="GracefulPodDeletion"/>).
/// </summary>
public sealed class SimulatedNodes : IAsyncDisposable
{
    private readonly FakeObjectStore _store;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, SimulatedNode> _nodes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _hookInstalled;
    private int _count;

    internal SimulatedNodes(FakeObjectStore store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
        Proxy = new NodeProxy(this, new PodLogRoute(this, store));
    }

    /// <summary>Where kubelets look up checkpoint images when a pod starts; replace it to plug in a registry.</summary>
    public ICheckpointImageSource Images { get; set; } = new LocalCheckpointImages();

    /// <summary>The nodes in the order they were added.</summary>
    public IReadOnlyList<SimulatedNode> All => [.. _nodes.Values.OrderBy(n => n.Index)];

    public SimulatedNode this[string name] => Find(name) ?? throw new KeyNotFoundException($"no simulated node {name}");

    internal NodeProxy Proxy { get; }

    public SimulatedNode? Find(string name) => _nodes.GetValueOrDefault(name);

    /// <summary>Starts a node: registers its Node object (Ready), its kubelet and its HTTPS kubelet endpoint.</summary>
    public async Task<SimulatedNode> AddAsync(string name, SimulatedNodeOptions? options = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        options ??= new SimulatedNodeOptions();
        options.Validate();
        SimulatedNode node;
        lock (_gate)
        {
            if (_nodes.ContainsKey(name))
            {
                throw new InvalidOperationException($"node {name} is already simulated");
            }
            if (!_hookInstalled)
            {
                _store.SetDeletionHook(BuiltinResources.Pods, (pod, deleteOptions, clock) =>
                    GracefulPodDeletion.Decide(pod, deleteOptions, clock.GetUtcNow(), HasKubelet));
                _hookInstalled = true;
            }
            node = new SimulatedNode(name, options, ++_count, _store, _clock, this);
            _nodes[name] = node;
        }
        await node.StartAsync(ct).ConfigureAwait(false);
        return node;
    }

    /// <summary>Starts <paramref name="count"/> nodes named <c>{prefix}1</c>, <c>{prefix}2</c>..., all with the same options.</summary>
    public async Task<IReadOnlyList<SimulatedNode>> AddAsync(int count, SimulatedNodeOptions? options = null, string prefix = "node-", CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var added = new List<SimulatedNode>();
        for (var i = 1; i <= count; i++)
        {
            added.Add(await AddAsync(prefix + i, options, ct).ConfigureAwait(false));
        }
        return added;
    }

    /// <summary>
    /// Removes a node: its kubelet stops, its Node object is deleted and its pods are force-deleted, as pod garbage
    /// collection does for pods bound to a node that no longer exists.
    /// </summary>
    public async Task RemoveAsync(string name)
    {
        if (!_nodes.TryRemove(name, out var node))
        {
            throw new KeyNotFoundException($"no simulated node {name}");
        }
        await node.DisposeAsync().ConfigureAwait(false);
        if (_store.TryGet(BuiltinResources.Nodes, null, name) is not null)
        {
            _store.Delete(BuiltinResources.Nodes, null, name);
        }
        NodeFailure.Apply(_store, name, NodeFailurePodPolicy.Delete, _clock.GetUtcNow());
    }

    /// <summary>
    /// Pods on a simulated node get graceful deletion; a failed node's pods then stay Terminating, as on a real
    /// cluster, until the node recovers or is removed.
    /// </summary>
    /// <remarks>IMPORTANT: runs under the store's lock, so it takes no lock of its own (AddAsync takes ours, then the store's).</remarks>
    private bool HasKubelet(string node) => _nodes.ContainsKey(node);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
        _nodes.Clear();
    }
}
