using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Interceptor.Simulator;
using Interceptor.Simulator.Store;
using k8s;
using k8s.Models;

namespace Interceptor.Bench.CacheMemory;

/// <summary>
/// For each pod count: a fake API server seeded with that many realistic pods, then each webhook build started
/// against it as a child process until /readyz is green; its peak RSS (VmHWM) is what a memory limit must hold.
/// </summary>
public static class CacheMemoryProgram
{
    /// <summary>The webhook container's limit in manifests/deployment.yaml.</summary>
    private const double LimitMiB = 256;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(15);

    // After /readyz: let the first watch events and a GC land, so the peak includes the steady state too.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<int> Main(string[] args)
    {
        if (CacheMemoryOptions.Parse(args, Console.Error) is not { } options)
        {
            return 2;
        }

        using var certificates = CertificateFiles.Generate(options.RepoRoot);
        var rows = new List<MemoryRow>();
        foreach (var pods in options.Pods)
        {
            await using var server = await SeededServerAsync(pods);
            foreach (var (label, dll) in options.Builds)
            {
                foreach (var heapLimit in HeapLimits(options))
                {
                    rows.Add(await MeasureAsync(pods, label, dll, heapLimit, server.BaseAddress, certificates.Directory));
                }
            }
        }

        await ReportFile.WriteAsync(Report(options, rows), options.ResultsFile, options.RepoRoot, Console.Error);
        return rows.Any(r => r.Error is not null) ? 1 : 0;
    }

    private static IEnumerable<int?> HeapLimits(CacheMemoryOptions options) =>
        options.ContainerLimitMiB is { } limit ? [null, limit * 3 / 4] : [null];

    private static async Task<FakeApiServer> SeededServerAsync(int pods)
    {
        var clock = Stopwatch.StartNew();
        // A short request log: the bench makes few requests, and the log must not grow this process for nothing.
        var server = await FakeApiServer.StartAsync(new FakeApiServerOptions { RequestLogCapacity = 1_000, WatchHistorySize = 100 });
        var podsResource = TypedStoreExtensions.ResourceOf<V1Pod>(server.Store);
        for (var n = 0; n < RealisticPods.Namespaces; n++)
        {
            server.Store.Create(new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = RealisticPods.NamespaceOf(n) } });
        }

        for (var i = 0; i < pods; i++)
        {
            server.Store.Create(podsResource, JsonNode.Parse(KubernetesJson.Serialize(RealisticPods.Pod(i)))!.AsObject(), RealisticPods.NamespaceOf(i));
        }

        Console.Error.WriteLine($"cache-memory: {pods} pods seeded in {clock.Elapsed.TotalSeconds:F0} s ({PodJsonBytes() / 1024.0:F1} KiB of JSON a pod)");
        return server;
    }

    private static int PodJsonBytes() => KubernetesJson.Serialize(RealisticPods.Pod(0)).Length;

    private static async Task<MemoryRow> MeasureAsync(int pods, string label, string dll, int? heapLimitMiB, Uri apiServer, string certificateDirectory)
    {
        RunHygiene.Settle();
        using var webhook = WebhookProcess.Start(dll, apiServer, certificateDirectory, heapLimitMiB);
        try
        {
            var ready = await webhook.WaitUntilReadyAsync(ReadyTimeout);
            await Task.Delay(Settle);
            var row = new MemoryRow(pods, label, heapLimitMiB, ready, webhook.MiB("VmHWM"), webhook.MiB("VmRSS"), null);
            Console.Error.WriteLine($"cache-memory: {pods} pods, {label}{HeapText(heapLimitMiB)}: ready in {ready.TotalSeconds:F1} s, peak RSS {row.PeakMiB:F0} MiB");
            return row;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            Console.Error.WriteLine($"cache-memory: {pods} pods, {label}{HeapText(heapLimitMiB)}: {e.Message}");
            return new MemoryRow(pods, label, heapLimitMiB, TimeSpan.Zero, 0, 0, e.Message);
        }
    }

    private static string HeapText(int? heapLimitMiB) => heapLimitMiB is { } limit ? $" (GC heap limit {limit} MiB)" : "";

    private static string Report(CacheMemoryOptions options, IReadOnlyList<MemoryRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("# Webhook memory with big clusters").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Revision {options.Revision}; {Environment.ProcessorCount} CPUs; {PodJsonBytes() / 1024.0:F1} KiB of JSON a pod; limit {LimitMiB} MiB (manifests/deployment.yaml).").AppendLine();
        var table = new MarkdownTable(text, "pods", "build:", "GC heap limit", "ready (s)", "peak RSS (MiB)", "RSS after (MiB)", "peak / limit");
        foreach (var r in rows)
        {
            table.Row(
                r.Pods.ToString("N0", CultureInfo.InvariantCulture), r.Label, r.HeapLimitMiB is { } h ? $"{h} MiB" : "none",
                r.Error is null ? r.Ready.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) : "FAILED: " + r.Error,
                r.PeakMiB.ToString("F0", CultureInfo.InvariantCulture), r.RssMiB.ToString("F0", CultureInfo.InvariantCulture),
                (r.PeakMiB / LimitMiB).ToString("P0", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
