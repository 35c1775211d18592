namespace Interceptor.Simulator.Scheduling;

/// <summary>
/// The scheduler cache's pod counts per node, kept from pod events, with bindings "assumed" at once
/// (scheduler cache AssumePod) so a burst of pods spreads before their updates come back through the watch.
/// </summary>
internal sealed class NodeLoad
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _nodeOfPod = [];
    private readonly Dictionary<string, int> _podsOnNode = [];

    /// <summary>Records where a pod runs; an empty node (unbound, finished or deleted) removes it.</summary>
    public void Set(string podKey, string node)
    {
        lock (_gate)
        {
            if (_nodeOfPod.TryGetValue(podKey, out var old))
            {
                if (old == node)
                {
                    return;
                }
                _podsOnNode[old]--;
                _nodeOfPod.Remove(podKey);
            }
            if (node.Length > 0)
            {
                _nodeOfPod[podKey] = node;
                _podsOnNode[node] = _podsOnNode.GetValueOrDefault(node) + 1;
            }
        }
    }

    public int PodsOn(string node)
    {
        lock (_gate)
        {
            return _podsOnNode.GetValueOrDefault(node);
        }
    }
}
