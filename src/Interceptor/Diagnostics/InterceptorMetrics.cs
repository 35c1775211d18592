using System.Collections.Concurrent;
using Prometheus;

namespace Interceptor.Diagnostics;

/// <summary>
/// The Prometheus metrics, in a registry of their own (served on the health port's /metrics), so two hosts in
/// one process (tests) never share counters. Label values come from closed vocabularies only.
/// </summary>
public sealed class InterceptorMetrics
{
    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    /// <summary>Admission decisions by outcome (allow/deny) and reason; dry runs counted apart.</summary>
    public Counter AdmissionDecisions { get; }

    // Label children resolved once: WithLabels hashes and allocates on every call, which is a measurable share of
    // an admission review's cost at tens of thousands of reviews per second. The label sets are closed vocabularies.
    private readonly ConcurrentDictionary<(string Decision, string Reason, bool DryRun), Counter.Child> _decisions = new();
    private Histogram.Child? _allowDuration;
    private Histogram.Child? _denyDuration;

    /// <summary>Time from a review's arrival to its answer, by outcome.</summary>
    public Histogram AdmissionDuration { get; }

    /// <summary>Evictions allowed because Interceptor itself failed (API error, timeout, bug), by cause.</summary>
    public Counter AdmissionFailOpen { get; }

    /// <summary>Requests refused before a decision (415, 413, 400), by status code.</summary>
    public Counter AdmissionRejected { get; }

    /// <summary>Pod CREATE reviews answered by the mutating webhook, by reason (Admission.MutationReasons).</summary>
    public Counter PodMutationDecisions { get; }

    /// <summary>PodMigrations created by the eviction webhook.</summary>
    public Counter MigrationsCreated { get; }

    /// <summary>1 while a cache is synced with the API server, by resource.</summary>
    public Gauge CacheSynced { get; }

    /// <summary>Cache relists (initial, after 410 Gone, after errors), by resource.</summary>
    public Counter CacheRelists { get; }

    /// <summary>Watches cancelled and resumed because nothing (not even a bookmark) arrived within the idle timeout, by resource.</summary>
    public Counter CacheWatchIdleTimeouts { get; }

    /// <summary>Expiry of the serving certificate in use, as Unix seconds: alert well before it.</summary>
    public Gauge ServingCertificateExpiry { get; }

    /// <summary>Serving certificate loads by result (loaded, unchanged is not counted, failed).</summary>
    public Counter ServingCertificateLoads { get; }

    /// <summary>Agent: time of one container's kubelet checkpoint call, by outcome (succeeded, failed).</summary>
    public Histogram AgentCheckpointDuration { get; }

    /// <summary>Agent: archive bytes published, by transport.</summary>
    public Counter AgentBytesPublished { get; }

    /// <summary>Agent: attempts it gave up on, by kind (the Checkpointed condition's reason).</summary>
    public Counter AgentCheckpointFailures { get; }

    public InterceptorMetrics()
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        AdmissionDecisions = factory.CreateCounter("interceptor_admission_decisions_total",
            "Eviction admission decisions.", "decision", "reason", "dry_run");
        AdmissionDuration = factory.CreateHistogram("interceptor_admission_duration_seconds",
            "Time to answer an eviction admission review.",
            new HistogramConfiguration
            {
                LabelNames = ["decision"],
                Buckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
            });
        AdmissionFailOpen = factory.CreateCounter("interceptor_admission_fail_open_total",
            "Evictions allowed because Interceptor could not decide.", "cause");
        AdmissionRejected = factory.CreateCounter("interceptor_admission_rejected_requests_total",
            "Admission requests refused before a decision.", "code");
        PodMutationDecisions = factory.CreateCounter("interceptor_pod_mutation_decisions_total",
            "Pod creation admission decisions of the mutating webhook.", "reason");
        MigrationsCreated = factory.CreateCounter("interceptor_migrations_created_total",
            "PodMigrations created by the eviction webhook.", "trigger");
        CacheSynced = factory.CreateGauge("interceptor_cache_synced", "1 while the cache is synced.", "resource");
        CacheRelists = factory.CreateCounter("interceptor_cache_relists_total", "Cache relists.", "resource", "cause");
        CacheWatchIdleTimeouts = factory.CreateCounter("interceptor_cache_watch_idle_timeouts_total",
            "Cache watches restarted after receiving nothing within the idle timeout.", "resource");
        ServingCertificateExpiry = factory.CreateGauge("interceptor_serving_certificate_expiry_timestamp_seconds",
            "NotAfter of the serving certificate in use.");
        ServingCertificateLoads = factory.CreateCounter("interceptor_serving_certificate_loads_total",
            "Serving certificate loads.", "result");
        AgentCheckpointDuration = factory.CreateHistogram("interceptor_agent_checkpoint_duration_seconds",
            "Time of one container's kubelet checkpoint call.",
            new HistogramConfiguration { LabelNames = ["outcome"], Buckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300] });
        AgentBytesPublished = factory.CreateCounter("interceptor_agent_published_bytes_total",
            "Checkpoint archive bytes published by the agent.", "transport");
        AgentCheckpointFailures = factory.CreateCounter("interceptor_agent_checkpoint_failures_total",
            "Migration attempts the agent gave up on.", "kind");
    }

    /// <summary>Counts one admission decision.</summary>
    public void RecordDecision(bool allowed, string reason, bool dryRun) =>
        _decisions.GetOrAdd((allowed ? "allow" : "deny", reason, dryRun),
            static (key, counter) => counter.WithLabels(key.Decision, key.Reason, key.DryRun ? "true" : "false"), AdmissionDecisions).Inc();

    /// <summary>Records how long one admission review took to answer.</summary>
    public void ObserveAdmissionDuration(bool allowed, TimeSpan elapsed) =>
        (allowed
            ? _allowDuration ??= AdmissionDuration.WithLabels("allow")
            : _denyDuration ??= AdmissionDuration.WithLabels("deny")).Observe(elapsed.TotalSeconds);

    /// <summary>Counts one pod mutation decision. Pod creates do not arrive at the eviction path's benchmarked rate: no child cache.</summary>
    public void RecordMutation(string reason) => PodMutationDecisions.WithLabels(reason).Inc();
}
