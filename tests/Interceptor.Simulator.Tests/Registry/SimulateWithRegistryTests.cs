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
        Assert.True(valid == CommandLine.TryParseSimulate(args, out var parsed), sentence);
        Assert.Equal(registry, parsed?.ToString());
    }

    [Fact]
    public async Task Simulate_probes_and_names_the_registry_given_with_registry()
    {
        await using var real = await EmbeddedRegistry.StartAsync(new EmbeddedRegistryOptions { UseHttps = false });
        using var output = new StringWriter();

        var exit = await SimulateCommand.RunAsync(output, real.BaseAddress);

        Assert.Equal(0, exit);
        Assert.Contains($"OCI registry {real.BaseAddress} (--registry): GET /v2/ 200, registry/2.0", output.ToString(), StringComparison.Ordinal);
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
