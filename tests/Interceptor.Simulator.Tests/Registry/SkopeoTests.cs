using System.Text;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Registry;
using Xunit;

namespace Interceptor.Simulator.Tests.Registry;

/// <summary>
/// The real skopeo pushes an OCI image into the embedded registry over verified TLS and pulls it back: the
/// manifest (with its annotations) and every blob must come back byte for byte.
/// </summary>
public sealed class SkopeoTests : RegistryTest, IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("simulator-registry-skopeo-");
    private readonly Skopeo _skopeo = new();

    protected override EmbeddedRegistryOptions Options => new() { UseHttps = true };

    [SkopeoFact]
    public async Task Skopeo_copies_an_OCI_image_in_and_reads_it_back_byte_for_byte_over_TLS()
    {
        var layout = OciLayout.Write(Path.Combine(_work.FullName, "layout"), "v1",
            new Dictionary<string, string> { ["io.kubernetes.cri-o.annotations.checkpoint.name"] = "counter" },
            "process state: counter=41", "rootfs diff", "a third layer");
        var certs = WriteCaDirectory();
        var image = $"docker://{Registry.Host}/sim/checkpoint:v1";

        var push = await _skopeo.RunAsync(Limit, "copy", "--preserve-digests", "--dest-cert-dir", certs, $"oci:{layout.Directory}:v1", image);
        Assert.True(push.ExitCode == 0, push.ToString());
        var raw = await _skopeo.RunAsync(Limit, "inspect", "--raw", "--cert-dir", certs, image);
        Assert.True(raw.ExitCode == 0, raw.ToString());
        var pulled = Path.Combine(_work.FullName, "pulled");
        var pull = await _skopeo.RunAsync(Limit, "copy", "--src-cert-dir", certs, image, $"dir:{pulled}");
        Assert.True(pull.ExitCode == 0, pull.ToString());

        Assert.Equal(layout.Manifest, raw.Stdout);
        Assert.Equal("counter", (string?)JsonNode.Parse(raw.Stdout)!["annotations"]!["io.kubernetes.cri-o.annotations.checkpoint.name"]);
        Assert.Equal(layout.Manifest, await File.ReadAllBytesAsync(Path.Combine(pulled, "manifest.json")));
        Assert.Equal(4, layout.Blobs.Count);
        foreach (var (digest, content) in layout.Blobs)
        {
            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(pulled, digest["sha256:".Length..])));
        }

        Assert.Equal("{\"name\":\"sim/checkpoint\",\"tags\":[\"v1\"]}", await Http.GetStringAsync("/v2/sim/checkpoint/tags/list"));
        Assert.Equal(0, Registry.OpenUploads);
    }

    [SkopeoFact]
    public async Task Skopeo_refuses_the_registry_when_it_does_not_trust_its_CA()
    {
        var layout = OciLayout.Write(Path.Combine(_work.FullName, "layout"), "v1", new Dictionary<string, string>(), "one layer");

        var push = await _skopeo.RunAsync(Limit, "copy", $"oci:{layout.Directory}:v1", $"docker://{Registry.Host}/sim/checkpoint:v1");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("certificate", push.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        _skopeo.Dispose();
        _work.Delete(recursive: true);
    }

    /// <summary>A --cert-dir for skopeo: containers/image trusts every *.crt in it as a CA.</summary>
    private string WriteCaDirectory()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_work.FullName, "certs")).FullName;
        File.WriteAllText(Path.Combine(directory, "ca.crt"), Registry.CertificateAuthority!.ExportCertificatePem(), Encoding.ASCII);
        return directory;
    }
}
