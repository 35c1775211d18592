using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Patching;
using Interceptor.Simulator.Tests.Support;
using Xunit;

namespace Interceptor.Simulator.Tests.Admission;

/// <summary>
/// Pod Security admission as k8s.io/pod-security-admission words it: one row per rule and level, the pod posted
/// over HTTP into a namespace enforcing that level, the 403's message compared whole. Each row starts from a pod
/// that satisfies restricted and changes only what the rule looks at.
/// </summary>
public sealed class PodSecurityAdmissionTests : ServerTest
{
    private const string Compliant = """
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
         "spec": {"securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
                  "containers": [{"name": "c", "image": "app:1",
                                  "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}]}}
        """;

    private const string Restricted = "\"allowPrivilegeEscalation\": false, \"capabilities\": {\"drop\": [\"ALL\"]}";

    private static string Container(string securityContext, string extra = "") =>
        $$"""{"containers": [{"name": "c", "image": "app:1", "securityContext": {{{securityContext}}}{{extra}}}]}""";

    public static TheoryData<string, string, string?> Rules => new()
    {
        // Baseline (policy/check_*.go of the baseline level).
        { "baseline", """{"hostNetwork": true, "hostPID": true}""", "host namespaces (hostNetwork=true, hostPID=true)" },
        { "baseline", Container("\"privileged\": true"), "privileged (container \"c\" must not set securityContext.privileged=true)" },
        { "baseline", Container("\"capabilities\": {\"add\": [\"SYS_TIME\", \"NET_ADMIN\", \"CHOWN\"]}"),
            "non-default capabilities (container \"c\" must not include \"NET_ADMIN\", \"SYS_TIME\" in securityContext.capabilities.add)" },
        { "baseline", Container("\"capabilities\": {\"add\": [\"DAC_OVERRIDE\"]}"), null },
        { "baseline", """{"volumes": [{"name": "host", "hostPath": {"path": "/var"}}, {"name": "cfg", "configMap": {"name": "x"}}]}""",
            "hostPath volumes (volume \"host\")" },
        { "baseline", Container("", ", \"ports\": [{\"containerPort\": 80, \"hostPort\": 8080}, {\"containerPort\": 81, \"hostPort\": 10000}]"),
            "hostPort (container \"c\" uses hostPorts 10000, 8080)" },
        { "baseline", Container("\"procMount\": \"Unmasked\""), "procMount (container \"c\" must not set securityContext.procMount to \"Unmasked\")" },
        { "baseline", """{"securityContext": {"sysctls": [{"name": "net.ipv4.tcp_syncookies", "value": "1"}, {"name": "kernel.msgmax", "value": "1"}]}}""",
            "forbidden sysctls (kernel.msgmax)" },
        { "baseline", """{"securityContext": {"seccompProfile": {"type": "Unconfined"}}}""",
            "seccompProfile (pod must not set securityContext.seccompProfile.type to \"Unconfined\")" },
        { "baseline", Container("\"seLinuxOptions\": {\"type\": \"spc_t\", \"user\": \"root\"}"),
            "seLinuxOptions (container \"c\" set forbidden securityContext.seLinuxOptions: type \"spc_t\"; user may not be set)" },
        { "baseline", Container("\"appArmorProfile\": {\"type\": \"Unconfined\"}"),
            "forbidden AppArmor profile (container \"c\" must not set AppArmor profile type to \"Unconfined\")" },
        // Restricted (its own checks, and the baseline ones it does not override, baseline first).
        { "restricted", Container("\"capabilities\": {\"drop\": [\"ALL\"]}"),
            "allowPrivilegeEscalation != false (container \"c\" must set securityContext.allowPrivilegeEscalation=false)" },
        { "restricted", Container("\"allowPrivilegeEscalation\": false, \"capabilities\": {\"add\": [\"DAC_OVERRIDE\"]}"),
            "unrestricted capabilities (container \"c\" must set securityContext.capabilities.drop=[\"ALL\"]; container \"c\" must not include \"DAC_OVERRIDE\" in securityContext.capabilities.add)" },
        { "restricted", Container("\"allowPrivilegeEscalation\": false, \"capabilities\": {\"drop\": [\"ALL\"], \"add\": [\"NET_BIND_SERVICE\"]}"), null },
        { "restricted", """{"volumes": [{"name": "host", "hostPath": {"path": "/var"}}, {"name": "share", "nfs": {"server": "s", "path": "/"}}, {"name": "t", "emptyDir": {}}]}""",
            "restricted volume types (volumes \"host\", \"share\" use restricted volume types \"hostPath\", \"nfs\")" },
        { "restricted", """{"securityContext": {"runAsNonRoot": null}}""",
            "runAsNonRoot != true (pod or container \"c\" must set securityContext.runAsNonRoot=true)" },
        { "restricted", Container(Restricted + ", \"runAsNonRoot\": false"),
            "runAsNonRoot != true (container \"c\" must not set securityContext.runAsNonRoot=false)" },
        { "restricted", """{"securityContext": {"runAsUser": 0}}""", "runAsUser=0 (pod must not set runAsUser=0)" },
        { "restricted", """{"securityContext": {"seccompProfile": null}}""",
            "seccompProfile (pod or container \"c\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")" },
        { "restricted", Container("\"privileged\": true"),
            "privileged (container \"c\" must not set securityContext.privileged=true), allowPrivilegeEscalation != false (container \"c\" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"c\" must set securityContext.capabilities.drop=[\"ALL\"])" },
        // Windows pods are exempt from the Linux-only restricted checks, not from runAsNonRoot.
        { "restricted", """{"os": {"name": "windows"}, "securityContext": {"seccompProfile": null}, "containers": [{"name": "c", "image": "app:1"}]}""", null },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task A_pod_violating_the_enforced_level_is_refused_with_upstreams_message(string level, string change, string? expected)
    {
        LabelledNamespace("ps", ("enforce", level));

        using var response = await PostPodAsync("ps", change);

        if (expected is null)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal($"pods \"p\" is forbidden: violates PodSecurity \"{level}:latest\": {expected}", status!["message"]!.GetValue<string>());
        Assert.Equal("Forbidden", status["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_node_agents_pod_is_refused_under_restricted_as_the_real_server_refused_it()
    {
        LabelledNamespace("ps", ("enforce", "restricted"));
        var agent = """
            {"volumes": [{"name": "kubelet-checkpoints", "hostPath": {"path": "/var/lib/kubelet/checkpoints"}}, {"name": "tmp", "emptyDir": {}}],
             "securityContext": {"runAsNonRoot": null},
             "containers": [{"name": "agent", "image": "app:1", "securityContext": {"runAsUser": 0, "runAsNonRoot": false,
                 "allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true, "capabilities": {"drop": ["ALL"], "add": ["DAC_OVERRIDE"]}}}]}
            """;

        using var response = await PostPodAsync("ps", agent);

        var status = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(
            "pods \"p\" is forbidden: violates PodSecurity \"restricted:latest\": "
            + "unrestricted capabilities (container \"agent\" must not include \"DAC_OVERRIDE\" in securityContext.capabilities.add), "
            + "restricted volume types (volume \"kubelet-checkpoints\" uses restricted volume type \"hostPath\"), "
            + "runAsNonRoot != true (container \"agent\" must not set securityContext.runAsNonRoot=false), "
            + "runAsUser=0 (container \"agent\" must not set runAsUser=0)",
            status!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Warn_admits_the_pod_and_sends_a_warning_header_and_a_version_label_shows_in_it()
    {
        LabelledNamespace("ps", ("enforce", "baseline"), ("warn", "restricted"), ("warn-version", "v1.30"));

        using var response = await PostPodAsync("ps", """{"securityContext": {"runAsUser": 0}}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(
            "299 - \"would violate PodSecurity \\\"restricted:v1.30\\\": runAsUser=0 (pod must not set runAsUser=0)\"",
            Assert.Single(response.Headers.GetValues("Warning")));
    }

    [Fact]
    public async Task A_workload_template_is_only_warned_about_even_under_enforce()
    {
        LabelledNamespace("ps", ("enforce", "restricted"), ("warn", "restricted"));
        var deployment = JsonNode.Parse("""
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
             "spec": {"selector": {"matchLabels": {"a": "b"}},
                      "template": {"metadata": {"labels": {"a": "b"}}, "spec": {"containers": [{"name": "c", "image": "app:1", "securityContext": {"privileged": true}}]}}}}
            """);

        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(new Uri(Server.BaseAddress, "apis/apps/v1/namespaces/ps/deployments"), deployment);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("299 - \"would violate PodSecurity \\\"restricted:latest\\\": privileged (container \\\"c\\\" must not set",
            Assert.Single(response.Headers.GetValues("Warning")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_namespace_without_labels_is_privileged_and_an_invalid_enforce_level_enforces_restricted()
    {
        LabelledNamespace("open");
        LabelledNamespace("typo", ("enforce", "restriced"));

        using var open = await PostPodAsync("open", Container("\"privileged\": true"));
        using var typo = await PostPodAsync("typo", """{"securityContext": {"runAsUser": 0}}""");

        Assert.Equal(HttpStatusCode.Created, open.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, typo.StatusCode);
        Assert.False(open.Headers.Contains("Warning"));
    }

    private void LabelledNamespace(string name, params (string Mode, string Value)[] labels)
    {
        var namespaceLabels = new JsonObject();
        foreach (var (mode, value) in labels)
        {
            namespaceLabels[$"pod-security.kubernetes.io/{mode}"] = value;
        }
        Server.Store.Create(Resources.BuiltinResources.Namespaces,
            new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = namespaceLabels } });
    }

    private async Task<HttpResponseMessage> PostPodAsync(string ns, string specChange)
    {
        var pod = JsonNode.Parse(Compliant)!.AsObject();
        MergePatch.Apply(pod["spec"]!.AsObject(), JsonNode.Parse(specChange));
        using var http = new HttpClient();
        return await http.PostAsJsonAsync(new Uri(Server.BaseAddress, $"api/v1/namespaces/{ns}/pods"), pod);
    }
}
