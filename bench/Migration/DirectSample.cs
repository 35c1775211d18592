using Interceptor.Checkpoint.Transfer;

namespace Interceptor.Bench.Migration;

/// <summary>One baseline migration, step by step (milliseconds): kubelet checkpoint, registry push, pod create, create to seen Ready.</summary>
public sealed record DirectSample(PublishedCheckpoint Published, double CheckpointMs, double PushMs, double CreateMs, double RestoreMs)
{
    /// <summary>Checkpoint call to the replacement seen Ready: what the controller's downtime is compared with.</summary>
    public double TotalMs => CheckpointMs + PushMs + CreateMs + RestoreMs;
}
