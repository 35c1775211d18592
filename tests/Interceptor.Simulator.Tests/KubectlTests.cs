using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>The real kubectl against the fake server over HTTPS, through the kubeconfig the server writes.</summary>
public sealed class KubectlTests : KubectlTest
{
    [Fact]
    public async Task The_typed_client_trusts_the_https_servers_ca()
    {
        await Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "n1" } });

        Assert.Equal("https", Server.BaseAddress.Scheme);
        Assert.NotNull(Server.CertificateAuthority);
        Assert.Single((await Client.CoreV1.ListNodeAsync()).Items);
    }

    [Fact]
    public async Task The_kubeconfig_names_the_server_its_ca_and_a_token_user()
    {
        var text = await File.ReadAllTextAsync(Kubectl.KubeconfigPath);

        Assert.Contains($"server: \"{Server.BaseAddress.ToString().TrimEnd('/')}\"", text);
        Assert.Contains("certificate-authority-data: ", text);
        Assert.Contains("token: ", text);
        Assert.DoesNotContain("insecure-skip-tls-verify", text);
    }

    [KubectlFact]
    public async Task Get_nodes_lists_the_nodes_over_verified_https()
    {
        Server.Store.Create(new V1Node { ApiVersion = "v1", Kind = "Node", Metadata = new V1ObjectMeta { Name = "n1" } });

        var output = await SucceedsAsync("get", "nodes");

        Assert.StartsWith("NAME", output);
        Assert.Contains("n1", output);
    }
}
