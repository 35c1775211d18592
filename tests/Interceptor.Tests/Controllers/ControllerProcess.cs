using System.Diagnostics;
using System.Text;

namespace Interceptor.Tests.Controllers;

/// <summary>
/// The real Interceptor executable (webhook role with its controller) as a child process, so a test can kill it the
/// way a node or the OOM killer does: SIGKILL, no shutdown hook, no finally block.
/// </summary>
public sealed class ControllerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ControllerProcess(Process process, string identity)
    {
        _process = process;
        Identity = identity;
    }

    public string Identity { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The process's log so far (JSON lines), for a failed assertion's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ControllerProcess Start(MigrationWorld world, string identity, IDictionary<string, string?>? controller = null)
    {
        var assembly = typeof(Interceptor.Hosting.InterceptorApp).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(assembly);
        var settings = new Dictionary<string, string?>(world.ControllerSettings(controller))
        {
            ["Interceptor:Controller:Identity"] = identity,
            ["Interceptor:Webhook:Port"] = "0",
            ["Interceptor:Webhook:BindAddress"] = "127.0.0.1",
            ["Interceptor:Webhook:CertificateDirectory"] = world.Certificates.Directory,
            ["Interceptor:Health:Port"] = "0",
            ["Interceptor:Health:BindAddress"] = "127.0.0.1",
            ["Interceptor:Kubernetes:Host"] = world.Server.BaseAddress.ToString(),
            ["Serilog:MinimumLevel:Default"] = "Information",
        };
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var started = new ControllerProcess(process, identity);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>SIGKILL: the process gets no chance to release its Lease or finish a step.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
