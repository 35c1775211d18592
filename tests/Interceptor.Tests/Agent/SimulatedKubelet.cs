using System.Collections.Concurrent;
using System.Formats.Tar;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Interceptor.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Interceptor.Tests.Agent;

/// <summary>
/// A kubelet's checkpoint API on loopback (plain HTTP, a real Kestrel): <c>POST /checkpoint/{ns}/{pod}/{container}</c>
/// writes a real checkpoint archive (the checkpointctl CRI-O config.dump and spec.dump, CRIU images with a
/// counter as the simulated process state) into its checkpoint directory and answers <c>{"items":[path]}</c>,
/// as the kubelet does. Per container it can hold the answer until released, or write a hostile archive.
/// </summary>
public sealed class SimulatedKubelet : IAsyncDisposable
{
    private static readonly string Fixtures = RepoPaths.Of(Path.Combine("tests", "Interceptor.Checkpoint.Tests", "Fixtures", "checkpointctl"));
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _held = new();
    private readonly ConcurrentDictionary<string, bool> _hostile = new();
    private int _counter;

    private SimulatedKubelet(WebApplication app, string checkpointDirectory)
    {
        _app = app;
        CheckpointDirectory = checkpointDirectory;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public Uri Address { get; }

    public string CheckpointDirectory { get; }

    /// <summary>Containers checkpointed, in order, as <c>ns/pod/container</c>.</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    public int CallsFor(string container) => Calls.Count(c => c.EndsWith("/" + container, StringComparison.Ordinal));

    public static async Task<SimulatedKubelet> StartAsync(string checkpointDirectory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        SimulatedKubelet? kubelet = null;
        app.MapPost("/checkpoint/{ns}/{pod}/{container}", (string ns, string pod, string container, HttpContext context) => kubelet!.CheckpointAsync(ns, pod, container, context));
        await app.StartAsync();
        kubelet = new SimulatedKubelet(app, checkpointDirectory);
        return kubelet;
    }

    /// <summary>Holds this container's answer (the runtime is still dumping) until <see cref="Release"/>.</summary>
    public void Hold(string container) => _held[container] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string container)
    {
        if (_held.TryRemove(container, out var gate))
        {
            gate.TrySetResult();
        }
    }

    /// <summary>This container's archives carry an entry that climbs out of the extraction directory.</summary>
    public void WriteHostileArchiveFor(string container) => _hostile[container] = true;

    private async Task<IResult> CheckpointAsync(string ns, string pod, string container, HttpContext context)
    {
        _calls.Enqueue($"{ns}/{pod}/{container}");
        if (_held.TryGetValue(container, out var gate))
        {
            await gate.Task.WaitAsync(context.RequestAborted);
        }

        var time = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var path = Path.Combine(CheckpointDirectory, $"checkpoint-{pod}_{ns}-{container}-{time}.tar");
        await WriteArchiveAsync(path, SpecDumpOf(ns, pod, container), Interlocked.Increment(ref _counter), _hostile.ContainsKey(container));
        return Results.Json(new { items = new[] { path } });
    }

    /// <summary>
    /// The fixture's spec.dump naming this container and pod, as the runtime's own would: the registry transport
    /// refuses to publish an archive of another container under this one's name.
    /// </summary>
    private static byte[] SpecDumpOf(string ns, string pod, string container)
    {
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures, "crio-spec.dump")))!.AsObject();
        var annotations = spec["annotations"]!.AsObject();
        annotations["io.kubernetes.container.name"] = container;
        annotations["io.kubernetes.pod.name"] = pod;
        annotations["io.kubernetes.pod.namespace"] = ns;
        annotations["io.kubernetes.cri-o.Metadata"] = new JsonObject { ["name"] = container }.ToJsonString();
        return Encoding.UTF8.GetBytes(spec.ToJsonString());
    }

    /// <summary>Writes the archive the runtime would for this container, as a file of the kubelet's directory.</summary>
    public static Task WriteArchiveOfAsync(string path, string ns, string pod, string container) =>
        WriteArchiveAsync(path, SpecDumpOf(ns, pod, container), 1, hostile: false);

    private static async Task WriteArchiveAsync(string path, byte[] specDump, int counter, bool hostile)
    {
        await using var file = File.Create(path);
        await using var tar = new TarWriter(file, TarEntryFormat.Pax);
        await AddFileAsync(tar, "config.dump", await File.ReadAllBytesAsync(Path.Combine(Fixtures, "crio-config.dump")));
        await AddFileAsync(tar, "spec.dump", specDump);
        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "checkpoint/"));
        await AddFileAsync(tar, "checkpoint/inventory.img", new byte[64]);
        // The simulated process state a restore must carry over.
        await AddFileAsync(tar, "checkpoint/pages-1.img", Encoding.ASCII.GetBytes($"counter={counter}\n" + new string('p', 64 * 1024)));
        await AddFileAsync(tar, "rootfs-diff.tar", new byte[1024]);
        if (hostile)
        {
            await AddFileAsync(tar, "../../etc/cron.d/evil", Encoding.ASCII.GetBytes("* * * * * root sh\n"));
        }
    }

    private static Task AddFileAsync(TarWriter tar, string name, byte[] data) =>
        tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });

    public async ValueTask DisposeAsync()
    {
        foreach (var container in _held.Keys)
        {
            Release(container);
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
