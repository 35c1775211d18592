using Interceptor.Api;
using Interceptor.Diagnostics;
using Interceptor.Kube;
using Interceptor.Migration;
using Interceptor.Options;
using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace Interceptor.Controllers;

/// <summary>
/// The controller role: competes for the Lease and, only while it holds it, runs the PodMigration cache, the workers and
/// the serving-gate opener. Losing the Lease cancels everything at once; the next leader's initial LIST queues every
/// migration, and each one's status says where it is (crash resume is an ordinary pass, not a special path).
/// </summary>
public sealed class MigrationController(
    IKubernetes client,
    IOptions<InterceptorOptions> options,
    PodMigrationReconciler reconciler,
    BudgetTracker budget,
    ClusterCaches caches,
    ServingGateOpener gates,
    MigrationMetrics metrics,
    InterceptorMetrics cacheMetrics,
    TimeProvider time,
    ILogger<MigrationController> logger) : BackgroundService
{
    private readonly ControllerOptions _options = options.Value.Controller;
    private volatile bool _leading;

    public bool IsLeading => _leading;

    /// <summary>The identity this replica writes into the Lease.</summary>
    public string Identity { get; } = LeaderIdentity.Resolve(options.Value.Controller);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ns = LeaderIdentity.Namespace(_options);
        using var elector = new LeaderElector(new LeaderElectionConfig(new LeaseLock(client, ns, _options.LeaseName, Identity))
        {
            LeaseDuration = _options.LeaseDuration, RenewDeadline = _options.RenewDeadline, RetryPeriod = _options.RetryPeriod,
        });
        elector.OnNewLeader += leader => logger.LogInformation("Controller leader is {Leader}", leader);
        while (!stoppingToken.IsCancellationRequested)
        {
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            Task work = Task.CompletedTask;
            void Started() => work = Task.Run(() => LeadAsync(leading.Token), CancellationToken.None);
            elector.OnStartedLeading += Started;
            try
            {
                await elector.RunUntilLeadershipLostAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Host stopping.
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Leader election of {Lease} failed ({Cause}); retrying", _options.LeaseName, KubeErrors.Cause(e));
            }
            finally
            {
                elector.OnStartedLeading -= Started;
                // IMPORTANT: stop acting before anyone else may lead: every worker ends with the leadership.
                await leading.CancelAsync().ConfigureAwait(false);
                await work.ConfigureAwait(false);
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(_options.RetryPeriod, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task LeadAsync(CancellationToken ct)
    {
        _leading = true;
        metrics.Leader.Set(1);
        logger.LogInformation("Controller {Identity} leads: resuming every PodMigration from its status", Identity);
        var queue = new MigrationWorkQueue(time);
        var source = new NotifyingMigrationSource(new PodMigrationSource(client, options.Value.Kubernetes.WatchTimeout), queue.Add);
        var cache = new ResourceCache<PodMigration, string>(source, m => { budget.Observe(m); return m.Metadata.Name; }, cacheMetrics, time, options.Value.Kubernetes.WatchIdleTimeout, logger);
        void OnFinished(PodMigration _) { foreach (var key in budget.Waiting()) { queue.Add(key); } }
        void OnPod(WatchEventType type, V1Pod pod) => PodChanged(type, pod, queue, ct);
        reconciler.Finished += OnFinished;
        caches.PodEvents.Observed += OnPod;
        try
        {
            var workers = Enumerable.Range(0, _options.Workers).Select(_ => Task.Run(() => WorkAsync(queue, ct), CancellationToken.None));
            await Task.WhenAll([cache.RunAsync(ct), ResyncAsync(source, queue, ct), .. workers]).ConfigureAwait(false);
        }
        finally
        {
            reconciler.Finished -= OnFinished;
            caches.PodEvents.Observed -= OnPod;
            _leading = false;
            metrics.Leader.Set(0);
            logger.LogInformation("Controller {Identity} stopped leading", Identity);
        }
    }

    /// <summary>A pod changed: wake its migration (source or replacement), and open the serving gate of a new opted-in pod.</summary>
    private void PodChanged(WatchEventType type, V1Pod pod, MigrationWorkQueue queue, CancellationToken ct)
    {
        var ns = pod.Metadata.NamespaceProperty ?? "";
        if (pod.Metadata.Annotations?.TryGetValue(Annotations.Migration, out var migration) == true)
        {
            queue.Add(new MigrationKey(ns, migration));
        }
        else if (budget.KeyForPod(pod.Metadata.Uid) is { } key)
        {
            queue.Add(key);
        }

        if (type != WatchEventType.Deleted && ServingGate.ShouldOpen(pod, Annotations.Migration))
        {
            _ = gates.OpenAsync(pod, ct);
        }
    }

    private async Task WorkAsync(MigrationWorkQueue queue, CancellationToken ct)
    {
        var backoffs = new Dictionary<MigrationKey, Backoff>();
        while (!ct.IsCancellationRequested)
        {
            MigrationKey key;
            try
            {
                key = await queue.TakeAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            metrics.QueueDepth.Set(queue.Depth);
            try
            {
                var again = await reconciler.ReconcileAsync(key, ct).ConfigureAwait(false);
                backoffs.Remove(key);
                Requeue(queue, key, again, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                RetryLater(queue, key, e, backoffs, ct);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }

    private static void Requeue(MigrationWorkQueue queue, MigrationKey key, TimeSpan? again, CancellationToken ct)
    {
        if (again == TimeSpan.Zero)
        {
            queue.Add(key);
        }
        else if (again is { } after)
        {
            queue.AddAfter(key, after, ct);
        }
    }

    /// <summary>A conflict or a stale decision is re-planned at once; anything else backs off (per key, with jitter).</summary>
    private void RetryLater(MigrationWorkQueue queue, MigrationKey key, Exception e, Dictionary<MigrationKey, Backoff> backoffs, CancellationToken ct)
    {
        var cause = KubeErrors.Cause(e);
        metrics.ReconcileErrors.WithLabels(e is StaleDecisionException ? "Stale" : cause).Inc();
        if (e is StaleDecisionException || KubeErrors.IsAlreadyExists(e))
        {
            logger.LogDebug("PodMigration {Key}: {Error}; re-planning", key, e.Message);
            queue.AddAfter(key, TimeSpan.FromMilliseconds(20), ct);
            return;
        }

        if (!backoffs.TryGetValue(key, out var backoff))
        {
            backoffs[key] = backoff = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));
        }

        var delay = backoff.Next();
        logger.LogWarning(cause == "Internal" ? e : null, "Reconcile of PodMigration {Key} failed ({Cause}: {Error}); retrying in {Delay}", key, cause, e.Message, delay);
        queue.AddAfter(key, delay, ct);
    }

    private async Task ResyncAsync(NotifyingMigrationSource source, MigrationWorkQueue queue, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_options.ResyncInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                metrics.InFlight.Set(budget.InFlight);
                foreach (var key in source.Known)
                {
                    queue.Add(key);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Leadership or host ended.
        }
    }
}
