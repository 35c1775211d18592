using System.Diagnostics;

namespace Interceptor.Simulator.Tests.Support;

/// <summary>
/// Runs the real kubectl against a fake server through a kubeconfig the server wrote, with its own discovery
/// cache (so one test's server never answers from another's cache) and a hard time limit.
/// </summary>
public sealed class Kubectl : IDisposable
{
    private readonly DirectoryInfo _home;
    private readonly string? _executable;

    private Kubectl(DirectoryInfo home, string? executable)
    {
        _home = home;
        _executable = executable;
    }

    /// <summary>The kubectl found on PATH, or null.</summary>
    public static string? Executable { get; } = FindOnPath("kubectl");

    public string KubeconfigPath => Path.Combine(_home.FullName, "kubeconfig");

    /// <summary>kubectl for <paramref name="server"/>: the one on PATH, or one of <see cref="KubectlClients.Installed"/>.</summary>
    public static Kubectl For(FakeApiServer server, KubectlClient? client = null)
    {
        var kubectl = new Kubectl(Directory.CreateTempSubdirectory("simulator-kubectl-"), client?.Executable);
        server.WriteKubeconfig(kubectl.KubeconfigPath);
        return kubectl;
    }

    /// <summary>Runs <c>kubectl args...</c>; the process is killed when <paramref name="limit"/> passes.</summary>
    public async Task<KubectlResult> RunAsync(TimeSpan limit, params string[] args)
    {
        var start = new ProcessStartInfo(_executable ?? Executable ?? throw new InvalidOperationException("kubectl is not on PATH"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--kubeconfig=" + KubeconfigPath);
        start.ArgumentList.Add("--cache-dir=" + Path.Combine(_home.FullName, "cache"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // Nothing from the developer's environment may redirect kubectl to a real cluster.
        start.Environment.Remove("KUBECONFIG");
        start.Environment["HOME"] = _home.FullName;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"kubectl {string.Join(' ', args)} ran longer than {limit}:\n{await stdout}\n{await stderr}");
        }
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => _home.Delete(recursive: true);

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>What kubectl printed and how it exited.</summary>
public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}
