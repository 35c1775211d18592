namespace Interceptor.Simulator.Demo;

/// <summary>What became of one drained pod, judged from what was observed, never assumed.</summary>
public enum PodOutcome
{
    /// <summary>A replacement restored from the checkpoint: its counter continued from the checkpointed value instead of 0.</summary>
    MigratedLive,

    /// <summary>Evicted; its owner made a replacement that started from scratch: the state is lost.</summary>
    ColdStart,

    /// <summary>Evicted; its owner has not made a Ready replacement (yet).</summary>
    NoReplacementYet,

    /// <summary>A bare pod evicted: no owner recreates it, so the pod and its state are gone.</summary>
    Lost,

    /// <summary>Still on the node: the interceptor keeps answering 429 because the pod's onFailure policy is Block.</summary>
    Blocked,

    /// <summary>Still on the node, still denied while its live migration is (said to be) in progress.</summary>
    StillDenied,
}
