using System.Diagnostics;
using System.Text.Json;

namespace Interceptor.Checkpoint.Tests.Support;

/// <summary>
/// Reads images back with skopeo, an independent client (containers/image, the library CRI-O pulls
/// with), so a push is judged by what another implementation sees, not by our own reader.
/// </summary>
internal static class Skopeo
{
    /// <summary><c>skopeo inspect --raw</c>: the manifest bytes exactly as the registry serves them.</summary>
    public static async Task<byte[]> RawManifestAsync(string reference) =>
        await RunAsync(["inspect", "--raw", "--tls-verify=false", $"docker://{reference}"]);

    /// <summary><c>skopeo inspect --config --raw</c>: the image config bytes.</summary>
    public static async Task<byte[]> RawConfigAsync(string reference) =>
        await RunAsync(["inspect", "--config", "--raw", "--tls-verify=false", $"docker://{reference}"]);

    /// <summary><c>skopeo inspect</c>: skopeo's own summary (Digest, Layers, Architecture...).</summary>
    public static async Task<JsonElement> InspectAsync(string reference) =>
        JsonDocument.Parse(await RunAsync(["inspect", "--tls-verify=false", $"docker://{reference}"])).RootElement.Clone();

    /// <summary>
    /// Pulls the image into a <c>dir:</c> directory and returns the bytes of the blob named by
    /// <paramref name="digest"/>. <c>dir:</c> keeps blobs as the registry served them; an <c>oci:</c>
    /// layout would have skopeo gzip an uncompressed layer on the way.
    /// </summary>
    public static async Task<byte[]> PullBlobAsync(string reference, string digest, DirectoryInfo directory)
    {
        await RunAsync(["copy", "--src-tls-verify=false", $"docker://{reference}", $"dir:{directory.FullName}"]);
        return await File.ReadAllBytesAsync(Path.Combine(directory.FullName, digest["sha256:".Length..]));
    }

    private static async Task<byte[]> RunAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("skopeo") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("skopeo did not start");
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        await copy;
        return process.ExitCode == 0
            ? output.ToArray()
            : throw new InvalidOperationException($"skopeo {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
    }
}
