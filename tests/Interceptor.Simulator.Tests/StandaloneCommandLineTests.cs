using Interceptor.Simulator.Hosting;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>The standalone server's arguments, including the kubectl-facing --https and --kubeconfig.</summary>
public sealed class StandaloneCommandLineTests
{
    [Fact]
    public void Https_and_kubeconfig_are_parsed_in_both_spellings()
    {
        var spaced = CommandLine.TryParse(["--port", "8001", "--https", "--kubeconfig", "sim.kubeconfig"]);
        var joined = CommandLine.TryParse(["--https", "--kubeconfig=sim.kubeconfig"]);

        Assert.Equal((8001, true, "sim.kubeconfig"), (spaced!.Options.Port, spaced.Options.UseHttps, spaced.KubeconfigPath));
        Assert.Equal((0, true, "sim.kubeconfig"), (joined!.Options.Port, joined.Options.UseHttps, joined.KubeconfigPath));
    }

    [Fact]
    public void Plain_http_without_a_kubeconfig_stays_the_default()
    {
        var parsed = CommandLine.TryParse([]);

        Assert.Equal((false, null), (parsed!.Options.UseHttps, parsed.KubeconfigPath));
    }
}
