using Interceptor.Api;
using Interceptor.Diagnostics;
using Interceptor.Kube;
using Interceptor.Options;
using k8s;
using Microsoft.Extensions.Options;

namespace Interceptor.Agent;

/// <summary>
/// The agent role's loop. A cache of the PodMigrations whose spec.sourceNode is this node (LIST then WATCH with
/// that field selector: the agent never sees the rest of the cluster) feeds a deduplicating queue; workers sync
/// one migration at a time each, with per-key backoff on errors; every known migration is queued again each
/// <see cref="AgentOptions.ResyncInterval"/>, so a missed event or a failed status write is never final.
/// After a restart the initial LIST queues everything in flight, and the status says what is already done.
/// </summary>
public sealed class CheckpointAgent : BackgroundService
{
    private readonly MigrationSync _sync;
    private readonly AgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CheckpointAgent> _logger;
    private readonly NotifyingMigrationSource _source;
    private readonly Dictionary<MigrationKey, Backoff> _backoffs = [];

    public CheckpointAgent(IKubernetes client, IOptions<InterceptorOptions> options, MigrationSync sync, InterceptorMetrics metrics, TimeProvider time, ILogger<CheckpointAgent> logger)
    {
        _sync = sync;
        _options = options.Value.Agent;
        _time = time;
        _logger = logger;
        Queue = new MigrationWorkQueue(time);
        var selector = "spec.sourceNode=" + _options.NodeName;
        _source = new NotifyingMigrationSource(new PodMigrationSource(client, options.Value.Kubernetes.WatchTimeout, selector), Queue.Add);
        Migrations = new ResourceCache<PodMigration, AgentMigration>(_source, AgentMigration.From, metrics, time, options.Value.Kubernetes.WatchIdleTimeout, logger);
    }

    public MigrationWorkQueue Queue { get; }

    public ResourceCache<PodMigration, AgentMigration> Migrations { get; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _logger.LogInformation("Agent for node {Node} watching PodMigrations with source node {Node}", _options.NodeName, _options.NodeName);
        var workers = Enumerable.Range(0, _options.MaxConcurrentMigrations).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None));
        return Task.WhenAll([Migrations.RunAsync(stoppingToken), ResyncAsync(stoppingToken), .. workers]);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            MigrationKey key;
            try
            {
                key = await Queue.TakeAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                var again = await _sync.SyncAsync(key, stoppingToken).ConfigureAwait(false);
                ResetBackoff(key);
                if (again)
                {
                    Queue.Add(key);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var delay = NextBackoff(key);
                _logger.LogWarning(e, "Sync of PodMigration {Key} failed ({Cause}); retrying in {Delay}", key, KubeErrors.Cause(e), delay);
                Queue.AddAfter(key, delay, stoppingToken);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    private async Task ResyncAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.ResyncInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (var key in _source.Known)
                {
                    Queue.Add(key);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    private TimeSpan NextBackoff(MigrationKey key)
    {
        lock (_backoffs)
        {
            if (!_backoffs.TryGetValue(key, out var backoff))
            {
                _backoffs[key] = backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
            }

            return backoff.Next();
        }
    }

    private void ResetBackoff(MigrationKey key)
    {
        lock (_backoffs)
        {
            _backoffs.Remove(key);
        }
    }
}
