namespace Interceptor.Simulator.Nodes;

/// <summary>
/// What the simulated kubelet remembers about one pod (by UID): when it admitted it, how long its containers take
/// to start and become ready, and when it was asked to stop them. The pod's status is computed from this and the
/// clock (<see cref="PodStatusPlanner"/>); nothing else about the containers is stored.
/// </summary>
internal sealed record PodRuntime(
    string Uid,
    DateTimeOffset AdmittedAt,
    TimeSpan StartDelay,
    TimeSpan ReadyDelay,
    TimeSpan StopDuration,
    string PodIP,
    IReadOnlyList<ContainerRuntime> Containers,
    DateTimeOffset? KillRequestedAt = null)
{
    public bool CanRun => Containers.All(c => c.CreateError is null);

    /// <summary>When the containers started, or null when they never can.</summary>
    public DateTimeOffset? RunningSince => CanRun ? AdmittedAt + StartDelay : null;

    public DateTimeOffset? ReadySince => RunningSince + ReadyDelay;

    /// <summary>
    /// When the containers stopped: SIGTERM at <see cref="KillRequestedAt"/>, exit after <see cref="StopDuration"/>,
    /// or SIGKILL at the end of the grace period (<paramref name="deletionTimestamp"/>), whichever comes first.
    /// </summary>
    public DateTimeOffset? StoppedAt(DateTimeOffset? deletionTimestamp)
    {
        if (KillRequestedAt is not { } kill)
        {
            return null;
        }
        var graceful = StopDuration == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : kill + StopDuration;
        var deadline = deletionTimestamp is { } d && d > kill ? d : kill;
        return graceful < deadline ? graceful : deadline;
    }

    /// <summary>Whether the process exited by itself on SIGTERM (exit 0) rather than being killed at the deadline.</summary>
    public bool ExitedGracefully(DateTimeOffset? deletionTimestamp) =>
        KillRequestedAt is { } kill && StopDuration != Timeout.InfiniteTimeSpan && kill + StopDuration <= (deletionTimestamp ?? kill);

    /// <summary>The counter of one container's process: it counts only while the container runs.</summary>
    public ProcessCounter Counter(ContainerRuntime container, DateTimeOffset? deletionTimestamp, TimeSpan interval) =>
        new(container.InitialCounter, container.Restored, RunningSince, StoppedAt(deletionTimestamp), interval);
}
