using Interceptor.Simulator.Demo;
using Interceptor.Simulator.Hosting;
using Interceptor.Simulator.Registry;
using Xunit;

namespace Interceptor.Simulator.Tests.Registry;

/// <summary><c>simulate --registry URL</c> uses the registry given; the probe refuses what is not a registry.</summary>
public sealed class SimulateWithRegistryTests
{
    public static TheoryData<string, string[], bool, string?> Arguments => new()
    {
        { "no arguments mean the embedded registry", [], true, null },
        { "--registry URL names a real one", ["--registry", "http://127.0.0.1:5000"], true, "http://127.0.0.1:5000/" },
        { "--registry=URL works too", ["--registry=https://127.0.0.1:5443/"], true, "https://127.0.0.1:5443/" },
        { "a registry must be an http(s) URL", ["--registry", "127.0.0.1:5000"], false, null },
        { "--registry needs a value", ["--registry"], false, null },
        { "other arguments are refused", ["--port", "1"], false, null },
    };

    [Theory]
    [MemberData(nameof(Arguments))]
    public void Simulate_arguments(string sentence, string[] args, bool valid, string? registry)
    {
        var parsed = CommandLine.TryParseSimulate(args);

        Assert.True(valid == parsed is not null, sentence);
        Assert.Equal(registry, parsed?.Registry?.ToString());
    }

    [Fact]
    public async Task Simulate_probes_and_names_the_registry_given_with_registry()
    {
        await using var real = await EmbeddedRegistry.StartAsync(new EmbeddedRegistryOptions { UseHttps = false });
        using var output = new StringWriter();

        // A whole drain runs; the shortest settings keep it near the interceptor's minimum pickup timeout (10 s).
        var exit = await SimulateCommand.RunAsync(output, SimulateSettings.Default with
        {
            Nodes = 2, Pods = SimulateSettings.MinimumPods, Registry = real.BaseAddress, RetryInterval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(11),
        });

        Assert.Equal(0, exit);
        Assert.Contains($"OCI registry {real.BaseAddress} (--registry): GET /v2/ 200, registry/2.0", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_the_registry_removes_its_blobs_and_the_files_of_open_uploads()
    {
        var registry = await EmbeddedRegistry.StartAsync(new EmbeddedRegistryOptions { UseHttps = false });
        using (var http = registry.CreateClient())
        {
            var blob = new ByteArrayContent([1, 2, 3]);
            using var pushed = await http.PostAsync("/v2/sim/app/blobs/uploads/?digest=sha256:039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", blob);
            using var open = await http.PatchAsync((await http.PostAsync("/v2/sim/app/blobs/uploads/", null)).Headers.Location, new ByteArrayContent([4]));
            Assert.Equal(System.Net.HttpStatusCode.Created, pushed.StatusCode);
            Assert.Equal(1, registry.OpenUploads);
        }

        await registry.DisposeAsync();

        Assert.False(Directory.Exists(registry.StorageDirectory));
    }

    [Fact]
    public async Task The_probe_refuses_a_server_that_is_not_a_registry()
    {
        await using var notARegistry = await FakeApiServer.StartAsync();
        using var client = new HttpClient();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RegistryProbe.DescribeAsync(client, notARegistry.BaseAddress));

        Assert.Contains("is not an OCI registry", error.Message, StringComparison.Ordinal);
    }
}
