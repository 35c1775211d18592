namespace Interceptor.Simulator.Nodes;

/// <summary>What happens to a failed node's pods; the kubelet itself is gone, so nothing it would do happens.</summary>
public enum NodeFailurePodPolicy
{
    /// <summary>The pods keep their last status, as during a network partition before the node lifecycle controller acts.</summary>
    Keep,

    /// <summary>Their Ready condition turns False, as the node lifecycle controller's MarkPodsNotReady does.</summary>
    MarkNotReady,

    /// <summary>They are removed at once, as pod garbage collection force-deletes the pods of a node that is gone.</summary>
    Delete,
}
