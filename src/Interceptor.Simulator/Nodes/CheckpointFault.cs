namespace Interceptor.Simulator.Nodes;

/// <summary>How a simulated kubelet's checkpoints fail, as the real kubelet reports each failure.</summary>
public enum CheckpointFault
{
    /// <summary>Checkpoints succeed.</summary>
    None,

    /// <summary>The runtime's dump fails: 500 <c>checkpointing of ns/pod/ctr failed (rpc error: ...)</c>.</summary>
    RuntimeError,

    /// <summary>
    /// The dump never finishes: after the request's <c>timeout</c> (the CRI default of 2 minutes without one) the
    /// kubelet answers 500 with the CRI's DeadlineExceeded, as the real one does when the runtime call times out.
    /// </summary>
    DeadlineExceeded,
}
