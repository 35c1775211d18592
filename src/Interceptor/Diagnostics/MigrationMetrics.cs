using Prometheus;

namespace Interceptor.Diagnostics;

/// <summary>The controller's metrics, in the service's registry (<see cref="InterceptorMetrics.Registry"/>). Labels from closed vocabularies only.</summary>
public sealed class MigrationMetrics
{
    public MigrationMetrics(InterceptorMetrics metrics)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(metrics.Registry);
        Finished = factory.CreateCounter("interceptor_migrations_finished_total",
            "Migrations that reached a terminal phase, by phase and reason.", "phase", "reason");
        PhaseDuration = factory.CreateHistogram("interceptor_migration_phase_duration_seconds",
            "Time spent in each phase of a migration.",
            new HistogramConfiguration { LabelNames = ["phase"], Buckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });
        Downtime = factory.CreateHistogram("interceptor_migration_downtime_seconds",
            "Time from traffic off the source to the replacement Ready (the freeze clients see).",
            new HistogramConfiguration { Buckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120] });
        BytesMoved = factory.CreateCounter("interceptor_migration_checkpoint_bytes_total",
            "Checkpoint bytes of migrations that committed.");
        QueueDepth = factory.CreateGauge("interceptor_controller_queue_depth", "Migration keys waiting for a worker.");
        InFlight = factory.CreateGauge("interceptor_controller_migrations_in_flight", "Admitted migrations not yet finished.");
        ReconcileErrors = factory.CreateCounter("interceptor_controller_reconcile_errors_total",
            "Reconcile passes that failed and were retried with backoff, by cause.", "cause");
        Leader = factory.CreateGauge("interceptor_controller_leader", "1 while this replica holds the controller's Lease.");
    }

    public Counter Finished { get; }

    public Histogram PhaseDuration { get; }

    public Histogram Downtime { get; }

    public Counter BytesMoved { get; }

    public Gauge QueueDepth { get; }

    public Gauge InFlight { get; }

    public Counter ReconcileErrors { get; }

    public Gauge Leader { get; }
}
