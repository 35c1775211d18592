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
        change(options.Agent);
        return options;
    }

    public static TheoryData<string, Action<AgentOptions>, string> Bad => new()
    {
        { "no node name (NODE_NAME missing from the downward API)", a => a.NodeName = null, "Agent.NodeName" },
        { "no way to reach the kubelet", a => a.NodeIp = null, "Agent.NodeIp" },
        { "a transport this build does not compose", a => a.Transport = "carrier-pigeon", "Agent.Transport" },
        { "a relative shared volume", a => a.SharedVolumePath = "checkpoints", "Agent.SharedVolumePath" },
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
