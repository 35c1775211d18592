using System.Diagnostics;

namespace Interceptor.Simulator.Tests.Registry;

/// <summary>
/// Runs the real skopeo (containers/image, the library podman and CRI-O pull with) with a throwaway HOME, so no
/// credentials, blob-info cache or registries.conf of the developer's can change what it does, and a time limit.
/// </summary>
public sealed class Skopeo : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("simulator-skopeo-");

    /// <summary>The skopeo found on PATH, or null.</summary>
    public static string? Executable { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "skopeo"))
            .FirstOrDefault(File.Exists);

    /// <summary>CI sets CI=true; there a missing skopeo fails the test instead of skipping it.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public string Home => _home.FullName;

    /// <summary>Runs <c>skopeo --insecure-policy args...</c>; the process is killed when <paramref name="limit"/> passes.</summary>
    public async Task<SkopeoResult> RunAsync(TimeSpan limit, params string[] args)
    {
        var executable = Executable ?? throw new InvalidOperationException(
            "skopeo is not on PATH, and CI=true requires it: install the Debian package skopeo (apt-get install -y skopeo)");
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // The signature policy is not under test; without this flag skopeo needs /etc/containers/policy.json.
        start.ArgumentList.Add("--insecure-policy");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = Home;
        start.Environment["XDG_RUNTIME_DIR"] = Home;
        start.Environment["REGISTRY_AUTH_FILE"] = Path.Combine(Home, "auth.json");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("skopeo did not start");
        var stdout = ReadAllAsync(process.StandardOutput.BaseStream);
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(limit);
        // Killing at the deadline ends the wait below normally, so the output so far can go into the message.
        await using (deadline.Token.Register(() => process.Kill(entireProcessTree: true)))
        {
            await process.WaitForExitAsync();
        }

        if (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"skopeo {string.Join(' ', args)} ran longer than {limit}:\n{await stderr}");
        }

        return new SkopeoResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => _home.Delete(recursive: true);

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}

/// <summary>How skopeo exited, its output as raw bytes (inspect --raw must be compared byte for byte) and its errors.</summary>
public sealed record SkopeoResult(int ExitCode, byte[] Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stderr\n{Stderr}";
}
