using Interceptor.Simulator.Controllers;

namespace Interceptor.Simulator;

/// <summary>Knobs of the fake API server. Defaults suit fast integration tests.</summary>
public sealed record FakeApiServerOptions
{
    /// <summary>Loopback port; 0 lets the OS pick a free one (read it back from <see cref="FakeApiServer.BaseAddress"/>).</summary>
    public int Port { get; init; }

    /// <summary>
    /// Serve HTTPS with a certificate from an in-process CA (for 127.0.0.1 and localhost) instead of plain HTTP,
    /// as the real kubectl expects; <see cref="FakeApiServer.WriteKubeconfig"/> then carries the CA.
    /// </summary>
    public bool UseHttps { get; init; }

    /// <summary>Events kept per resource for watch resumption; older resourceVersions get 410 Expired.</summary>
    public int WatchHistorySize { get; init; } = 10_000;

    /// <summary>Events buffered per watcher before the server gives up on it and closes the stream.</summary>
    public int WatchBufferSize { get; init; } = 10_000;

    /// <summary>How often BOOKMARK events go to watchers that asked for them (the real server: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many requests <see cref="FakeApiServer.Requests"/> keeps; the oldest are dropped beyond it.</summary>
    public int RequestLogCapacity { get; init; } = 100_000;

    /// <summary>When true, creating a namespaced object in a namespace that does not exist answers 404, as a real cluster does.</summary>
    public bool CheckNamespaceExists { get; init; }

    /// <summary>
    /// Serve KEP-4563's <c>lifecycle.k8s.io/v1alpha1</c> (<c>evictionrequests</c>, <c>evictions</c>, with status), as a
    /// 1.37 cluster does with the <c>EvictionRequestAPI</c> gate and the alpha group enabled. Off by default, like the gate.
    /// </summary>
    public bool EvictionRequestApi { get; init; }

    /// <summary>Clock for creationTimestamp, request times, delays, bookmarks and watch timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long shutdown waits for open requests (watches, hung faults) before cutting them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Which simulated kube-controller-manager loops and whether the scheduler run inside the server (Controllers/,
    /// Scheduling/), e.g. <c>SimulatedControllers.All</c>. None by default: pods then stay as tests make them.
    /// </summary>
    public SimulatedControllers Controllers { get; init; } = SimulatedControllers.None;

    /// <summary>
    /// How far the simulated ReplicaSet controller's pod informer lags the store: every pod event reaches it this much
    /// later (its ReplicaSet informer stays current), as with a slow or reconnecting watch, so races between a
    /// client's writes and the controller's stale view of pods (a migration's commit point) show up in tests. Zero by
    /// default: events arrive as soon as they are written.
    /// </summary>
    public TimeSpan ReplicaSetPodInformerLag { get; init; }

    /// <summary>Logging setup for the embedded host; by default it logs nothing, to keep test output clean.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(WatchHistorySize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(WatchBufferSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(RequestLogCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BookmarkInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReplicaSetPodInformerLag, TimeSpan.Zero);
    }
}
