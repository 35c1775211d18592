using System.Net;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Admission;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Tests.Support;
using Interceptor.Testing;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Admission;

/// <summary>
/// manifests/agent/validatingadmissionpolicy.yaml as shipped: an agent's token, bound to a node, may write the status
/// of PodMigrations leaving that node and no other; other users are not concerned.
/// </summary>
public sealed class AgentNodePolicyTests : ServerTest
{
    private const string Agent = "system:serviceaccount:interceptor-system:interceptor-agent";
    private const string NodeNameKey = "authentication.kubernetes.io/node-name";
    private static readonly V1Patch Checkpointed = new("""{"status":{"phase":"Checkpointing"}}""", V1Patch.PatchType.MergePatch);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var document in KubernetesYaml.LoadAllFromString(File.ReadAllText(RepoPaths.Of("manifests/agent/validatingadmissionpolicy.yaml"))))
        {
            var json = JsonNode.Parse(KubernetesJson.Serialize(document))!.AsObject();
            var resource = Server.Store.Resources.FindByKind(json["apiVersion"]!.GetValue<string>(), json["kind"]!.GetValue<string>())!;
            Server.Store.Create(resource, json);
        }
        Server.Tokens.Add("agent-a", NodeAgent("node-a"));
        Server.Tokens.Add("agent-b", NodeAgent("node-b"));
        Server.Tokens.Add("agent-unbound", new AdmissionUser(Agent, ["system:serviceaccounts", "system:authenticated"]));
        Server.Store.Create(BuiltinResources.PodMigrations, JsonNode.Parse("""
            {"metadata":{"name":"web-0"},"spec":{"podName":"web-0","podUID":"u1","sourceNode":"node-a"}}
            """)!.AsObject(), "shop");
    }

    [Fact]
    public async Task The_agent_of_another_node_is_denied()
    {
        using var client = ClientWithToken("agent-b");

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.Forbidden, () => PatchStatusAsync(client));

        Assert.Equal("Forbidden", status.Reason);
        Assert.Equal("ValidatingAdmissionPolicy 'interceptor-agent-own-node' with binding 'interceptor-agent-own-node' denied request: "
            + "the agent on node node-b may only write PodMigrations leaving that node", status.Message);
        Assert.Null(Server.Store.Get(BuiltinResources.PodMigrations, "shop", "web-0")["status"]);
    }

    [Fact]
    public async Task A_token_not_bound_to_a_node_is_denied()
    {
        using var client = ClientWithToken("agent-unbound");

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.Forbidden, () => PatchStatusAsync(client));

        Assert.Contains("the agent's token is not bound to a node", status.Message);
    }

    [Fact]
    public async Task The_agent_of_the_source_node_and_other_users_may_write()
    {
        using var agent = ClientWithToken("agent-a");
        await PatchStatusAsync(agent);
        await PatchStatusAsync(Client);

        Assert.Equal("Checkpointing", Server.Store.Get(BuiltinResources.PodMigrations, "shop", "web-0")["status"]!["phase"]!.GetValue<string>());
    }

    private static AdmissionUser NodeAgent(string node) =>
        new(Agent, ["system:serviceaccounts", "system:serviceaccounts:interceptor-system", "system:authenticated"])
        {
            Extra = new Dictionary<string, IReadOnlyList<string>> { [NodeNameKey] = [node] },
        };

    private Kubernetes ClientWithToken(string token) =>
        new(new KubernetesClientConfiguration { Host = Server.BaseAddress.ToString(), AccessToken = token });

    private static Task PatchStatusAsync(Kubernetes client) =>
        client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(Checkpointed, "interceptor.dev", "v1alpha1", "shop", "podmigrations", "web-0");
}
