using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Interceptor.Bench.CacheMemory;

/// <summary>
/// The real webhook (<c>dotnet Interceptor.dll</c>, its own runtimeconfig: server GC, DATAS off) as a child process,
/// so its peak resident memory is its own and not the fake API server's. Admission only (Controller:Enabled=false),
/// as a big cluster's webhook replicas start: the controller's own PodMigration cache is small anyway.
/// </summary>
public sealed class WebhookProcess : IDisposable
{
    private readonly Process _process;

    private WebhookProcess(Process process, Uri health)
    {
        _process = process;
        Health = health;
    }

    public Uri Health { get; }

    public static WebhookProcess Start(string dll, Uri apiServer, string certificateDirectory, int? heapLimitMiB)
    {
        var health = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                dll, "--environment", "Production",
                "--Interceptor:Role=webhook",
                "--Interceptor:Webhook:Port=0", "--Interceptor:Webhook:BindAddress=127.0.0.1",
                "--Interceptor:Webhook:CertificateDirectory=" + certificateDirectory,
                "--Interceptor:Health:Port=" + health.Port, "--Interceptor:Health:BindAddress=127.0.0.1",
                "--Interceptor:Kubernetes:Host=" + apiServer,
                "--Interceptor:Controller:Enabled=false",
                "--Serilog:MinimumLevel:Default=Warning",
            },
        };
        if (heapLimitMiB is { } limit)
        {
            // What .NET derives inside a container from its memory limit (75 %), set explicitly since this process has none.
            start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + ((long)limit * 1024 * 1024).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WebhookProcess(process, health);
    }

    /// <summary>Polls /readyz until it answers 200 (the caches listed), the process exits, or the timeout passes.</summary>
    public async Task<TimeSpan> WaitUntilReadyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var client = new HttpClient { BaseAddress = Health, Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the webhook exited with status {_process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy listing: ask again.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the webhook was not ready within {timeout.TotalSeconds} s");
    }

    /// <summary>A field of /proc/PID/status in MiB (VmHWM: peak resident set; VmRSS: now).</summary>
    public double MiB(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        var kib = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return kib / 1024.0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
