using System.Diagnostics;
using Interceptor.Api;
using k8s;
using k8s.Models;

namespace Interceptor.Bench.Migration;

/// <summary>
/// Part 1: N migrations at once, by the controller (explicit PodMigrations, all created together) and by the direct
/// script, each round on N fresh pods of the same shape. Pod i lives on source node i mod sources and goes to target
/// node i mod targets in both kinds, so both restore the same number of pods on each target kubelet.
/// </summary>
public sealed class DowntimePart(BenchWorld world, DirectMigration direct)
{
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(180);

    public async Task<DowntimeRound> ControllerRoundAsync(int size, int round)
    {
        using var timeout = new CancellationTokenSource(RoundTimeout);
        var (ns, pods) = await PrepareAsync("ctl", size, timeout.Token);
        var from = CpuSnapshot.Take();
        string? error = null;
        try
        {
            await Task.WhenAll(pods.Select((p, i) => CreateMigrationAsync(p, Target(i), timeout.Token)));
            while (!world.AllFinished(ns, size))
            {
                await Task.Delay(20, timeout.Token);
            }
        }
        catch (Exception e)
        {
            error = e.Message;
        }

        var to = CpuSnapshot.Take();
        var requests = ApiRequestCount.Of(world.Server.Requests);
        var samples = world.Migrations(ns).Select(ControllerSample.From).ToList();
        var failed = size - samples.Count(s => s.Succeeded);
        error ??= samples.FirstOrDefault(s => !s.Succeeded) is { } bad ? $"{bad.Name} ended {bad.Phase}" : null;
        await world.EmptyAsync(ns);
        return new DowntimeRound(DowntimeRound.ControllerKind, size, round, samples, [], failed, error, OthersShare(from, to), Seconds(from, to), requests);
    }

    public async Task<DowntimeRound> DirectRoundAsync(int size, int round)
    {
        using var timeout = new CancellationTokenSource(RoundTimeout);
        var (ns, pods) = await PrepareAsync("direct", size, timeout.Token);
        var from = CpuSnapshot.Take();
        var outcomes = new List<DirectSample>();
        string? error = null;
        await using (var ready = await ReadyWatch.StartAsync(world.Client, ns, timeout.Token))
        {
            var runs = pods.Select((p, i) => direct.RunAsync(p, Target(i), ready, timeout.Token)).ToList();
            try
            {
                await Task.WhenAll(runs);
            }
            catch (Exception e)
            {
                error = e.Message;
            }

            outcomes.AddRange(runs.Where(r => r.IsCompletedSuccessfully).Select(r => r.Result));
        }

        var to = CpuSnapshot.Take();
        var requests = ApiRequestCount.Of(world.Server.Requests);
        foreach (var sample in outcomes)
        {
            await direct.Transfer.DeleteAsync(sample.Published, CancellationToken.None);
        }

        await world.EmptyAsync(ns);
        return new DowntimeRound(DowntimeRound.DirectKind, size, round, [], outcomes, size - outcomes.Count, error, OthersShare(from, to), Seconds(from, to), requests);
    }

    /// <summary>A fresh namespace with <paramref name="size"/> running pods, then a settled heap and an empty request log: the measured window starts after.</summary>
    private async Task<(string Namespace, IReadOnlyList<V1Pod> Pods)> PrepareAsync(string prefix, int size, CancellationToken ct)
    {
        var ns = world.NewNamespace(prefix);
        var pods = await world.CreateRunningPodsAsync(ns, size, Source, ct);
        RunHygiene.Settle();
        world.Server.ClearRequests();
        return (ns, pods);
    }

    /// <summary>As a user creates one (tests/.../MigrationWorld does the same): the pod, its UID and source, and the target both kinds use.</summary>
    private Task<PodMigration> CreateMigrationAsync(V1Pod pod, string target, CancellationToken ct) =>
        world.Client.CustomObjects.CreateNamespacedCustomObjectAsync<PodMigration>(new PodMigration
        {
            Metadata = new V1ObjectMeta { Name = pod.Metadata.Name + "-migration", NamespaceProperty = pod.Metadata.NamespaceProperty },
            Spec = new PodMigrationSpec
            {
                PodName = pod.Metadata.Name, PodUid = pod.Metadata.Uid, SourceNode = pod.Spec.NodeName,
                TargetNode = target, Trigger = MigrationTriggers.Manual, OnFailure = FailurePolicies.Evict,
            },
        }, PodMigration.Group, PodMigration.Version, pod.Metadata.NamespaceProperty, PodMigration.Plural, cancellationToken: ct);

    private string Source(int i) => world.Sources[i % world.Sources.Count];

    private string Target(int i) => world.Targets[i % world.Targets.Count];

    /// <summary>Share of the machine other processes used during the round (this process's share taken out).</summary>
    public static double OthersShare(CpuSnapshot from, CpuSnapshot to) => Math.Max(0, CpuSnapshot.MachineShare(from, to) - CpuSnapshot.ProcessShare(from, to));

    private static double Seconds(CpuSnapshot from, CpuSnapshot to) => Stopwatch.GetElapsedTime(from.Timestamp, to.Timestamp).TotalSeconds;
}
