using Interceptor.Checkpoint.Images;
using Interceptor.Options;
using Xunit;

namespace Interceptor.Tests.Agent;

public sealed class AgentOptionsTests
{
    private static InterceptorOptions Agent(Action<AgentOptions> change)
    {
        var options = new InterceptorOptions { Role = InterceptorRoles.Agent };
        options.Agent.NodeName = "node-a";
        options.Agent.NodeIp = "10.0.0.7";
        options.Agent.Registry.Endpoint = "https://127.0.0.1:5000";
        change(options.Agent);
        return options;
    }

    public static TheoryData<string, Action<AgentOptions>, string> Bad => new()
    {
        { "no node name (NODE_NAME missing from the downward API)", a => a.NodeName = null, "Agent.NodeName" },
        { "no way to reach the kubelet", a => a.NodeIp = null, "Agent.NodeIp" },
        { "a transport this build does not compose", a => a.Transport = "carrier-pigeon", "Agent.Transport" },
        { "a relative shared volume", a => (a.Transport, a.SharedVolumePath) = ("shared-volume", "checkpoints"), "Agent.SharedVolumePath" },
        { "the default transport without a registry", a => a.Registry.Endpoint = null, "Agent.Registry.Endpoint must be set" },
        { "a registry with a path", a => a.Registry.Endpoint = "https://127.0.0.1:5000/v2/", "Agent.Registry.Endpoint" },
        { "plain http to a registry off this host", a => a.Registry.Endpoint = "http://10.0.0.9:5000", "plain http is accepted for a loopback registry only" },
        { "an upper-case repository", a => a.Registry.Repository = "Interceptor/Checkpoints", "Agent.Registry.Repository" },
        { "a reference host with a scheme", a => a.Registry.ReferenceHost = "https://127.0.0.1", "Agent.Registry.ReferenceHost" },
        { "a user name file without a password file", a => a.Registry.UsernameFile = "/dev/null", "Agent.Registry.PasswordFile" },
        { "credential files that do not exist", a => (a.Registry.UsernameFile, a.Registry.PasswordFile) = ("/nonexistent/username", "/nonexistent/password"), "Agent.Registry.UsernameFile: no file" },
        { "a missing registry CA", a => a.Registry.CertificateAuthorityPath = "/nonexistent/ca.crt", "Agent.Registry.CertificateAuthorityPath" },
        { "an unknown compression", a => a.Registry.Compression = (LayerCompression)7, "Agent.Registry.Compression" },
        { "a chunk too small to stream", a => a.Registry.ChunkSizeBytes = 1024, "Agent.Registry.ChunkSizeBytes" },
        { "a zero checkpoint timeout", a => a.CheckpointTimeout = TimeSpan.Zero, "Checkpoint Timeout" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void A_bad_agent_setting_fails_validation_with_a_message_naming_it(string because, Action<AgentOptions> change, string named)
    {
        var result = new InterceptorOptionsValidator().Validate(Agent(change));

        Assert.False(result.IsValid, because);
        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains(named, StringComparison.Ordinal));
    }

    public static TheoryData<string, Action<AgentOptions>> Good => new()
    {
        { "the registry by default, at an https endpoint", _ => { } },
        { "a loopback registry over plain http (tests, a node-local mirror)", a => a.Registry.Endpoint = "http://127.0.0.1:5000" },
        { "the shared volume, with no registry configured at all", a => (a.Transport, a.Registry.Endpoint) = ("shared-volume", null) },
        { "the registry, with a shared volume path nobody reads", a => a.SharedVolumePath = "relative" },
    };

    [Theory]
    [MemberData(nameof(Good))]
    public void Only_the_chosen_transports_settings_are_checked(string because, Action<AgentOptions> change)
    {
        var result = new InterceptorOptionsValidator().Validate(Agent(change));

        Assert.True(result.IsValid, $"{because}: {string.Join("; ", result.Errors)}");
    }

    [Fact]
    public void The_registry_transport_is_the_default_and_compresses_with_zstd()
    {
        var defaults = new AgentOptions();

        Assert.Equal("registry", defaults.Transport);
        Assert.Equal(AgentRegistryOptions.DefaultRepository, defaults.Registry.Repository);
        Assert.Equal(LayerCompression.Zstd, defaults.Registry.ToImageOptions().Compression);
    }

    [Fact]
    public void Credentials_are_read_from_their_files_without_the_trailing_newline_and_never_from_settings()
    {
        var directory = Directory.CreateTempSubdirectory("interceptor-registry-secret-");
        try
        {
            var username = Path.Combine(directory.FullName, "username");
            var password = Path.Combine(directory.FullName, "password");
            File.WriteAllText(username, "pusher\n");
            File.WriteAllText(password, "s3cret \r\n");
            var registry = new AgentRegistryOptions { Endpoint = "https://127.0.0.1:5000", UsernameFile = username, PasswordFile = password };

            var options = registry.ToRegistryOptions();

            Assert.Equal(("pusher", "s3cret "), (options.Username, options.Password));
            Assert.True(new AgentRegistryOptionsValidator().Validate(registry).IsValid);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Agent_settings_are_not_checked_for_the_webhook_role()
    {
        var options = new InterceptorOptions { Role = InterceptorRoles.Webhook };

        Assert.True(new InterceptorOptionsValidator().Validate(options).IsValid);
    }

    [Fact]
    public void The_default_kubelet_address_is_the_nodes_IP_and_the_certificate_must_name_the_node()
    {
        var kubelet = Agent(a => a.NodeIp = "fd00::7").Agent.ToKubeletOptions();

        Assert.Equal(new Uri("https://[fd00::7]:10250/"), kubelet.BaseAddress);
        Assert.Equal("node-a", kubelet.TlsServerName);
    }
}
