using System.Net;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Admission;

/// <summary>ValidatingAdmissionPolicy semantics beyond the agent's policy: params, actions, failurePolicy.</summary>
public sealed class ValidatingAdmissionPolicyTests : ServerTest
{
    private const string Limited = "object.data.size() <= int(params.data.max)";

    [Fact]
    public async Task Params_bound_by_the_binding_decide_and_the_default_reason_is_invalid()
    {
        AddPolicy(Limited, paramKind: true);
        AddBinding(["Deny"], """{"name":"limits","namespace":"default","parameterNotFoundAction":"Deny"}""");
        Server.Store.Create(BuiltinResources.ConfigMaps, ConfigMap("limits", 1), "default");

        await Client.CoreV1.CreateNamespacedConfigMapAsync(Typed(ConfigMap("one", 1)), "default");
        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.UnprocessableEntity,
            () => Client.CoreV1.CreateNamespacedConfigMapAsync(Typed(ConfigMap("two", 2)), "default"));

        Assert.Equal("Invalid", status.Reason);
        Assert.Equal($"ValidatingAdmissionPolicy 'p' with binding 'b' denied request: failed expression: {Limited}", status.Message);
    }

    [Fact]
    public async Task Missing_params_deny_unless_the_binding_allows()
    {
        AddPolicy(Limited, paramKind: true);
        AddBinding(["Deny"], """{"name":"absent","parameterNotFoundAction":"Deny"}""");

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.UnprocessableEntity,
            () => Client.CoreV1.CreateNamespacedConfigMapAsync(Typed(ConfigMap("one", 1)), "default"));

        Assert.EndsWith("denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction", status.Message);
    }

    [Fact]
    public async Task Warn_is_a_warning_header_and_the_write_goes_through()
    {
        AddPolicy("object.data.size() == 0");
        AddBinding(["Warn"]);

        using var response = await Client.CoreV1.CreateNamespacedConfigMapWithHttpMessagesAsync(Typed(ConfigMap("one", 1)), "default");

        Assert.Equal(
            "299 - \"Validation failed for ValidatingAdmissionPolicy 'p' with binding 'b': failed expression: object.data.size() == 0\"",
            Assert.Single(response.Response.Headers.GetValues("Warning")));
    }

    [Theory]
    [InlineData("Ignore", false)]
    [InlineData("Fail", true)]
    public async Task An_evaluation_error_follows_the_failure_policy(string failurePolicy, bool denied)
    {
        AddPolicy("object.data.missing == 'x'", failurePolicy: failurePolicy);
        AddBinding(["Deny"]);

        var create = () => Client.CoreV1.CreateNamespacedConfigMapAsync(Typed(ConfigMap("one", 1)), "default");

        if (denied)
        {
            var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.UnprocessableEntity, create);
            Assert.StartsWith("ValidatingAdmissionPolicy 'p' with binding 'b' denied request: expression 'object.data.missing == 'x'' resulted in error: ", status.Message);
        }
        else
        {
            await create();
        }
    }

    private void AddPolicy(string expression, bool paramKind = false, string failurePolicy = "Fail")
    {
        var spec = JsonNode.Parse($$"""
            {"failurePolicy":"{{failurePolicy}}",
             "matchConstraints":{"resourceRules":[{"apiGroups":[""],"apiVersions":["v1"],"operations":["CREATE","UPDATE"],"resources":["configmaps"]}]},
             "validations":[{"expression":{{JsonValue.Create(expression).ToJsonString()}}}]}
            """)!.AsObject();
        if (paramKind)
        {
            spec["paramKind"] = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap" };
            // The params' own ConfigMap must not be judged by the policy it configures.
            spec["matchConstraints"]!["objectSelector"] = JsonNode.Parse("""{"matchExpressions":[{"key":"params","operator":"DoesNotExist"}]}""");
        }
        Server.Store.Create(BuiltinResources.ValidatingAdmissionPolicies, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "p" }, ["spec"] = spec });
    }

    private void AddBinding(string[] actions, string? paramRef = null)
    {
        var spec = new JsonObject { ["policyName"] = "p", ["validationActions"] = new JsonArray([.. actions.Select(a => JsonValue.Create(a))]) };
        if (paramRef is not null)
        {
            spec["paramRef"] = JsonNode.Parse(paramRef);
        }
        Server.Store.Create(BuiltinResources.ValidatingAdmissionPolicyBindings, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "b" }, ["spec"] = spec });
    }

    private static JsonObject ConfigMap(string name, int entries) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = name == "limits" ? new JsonObject { ["params"] = "true" } : new JsonObject(),
        },
        ["data"] = name == "limits"
            ? new JsonObject { ["max"] = entries.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            : new JsonObject(Enumerable.Range(0, entries).Select(i => KeyValuePair.Create($"k{i}", (JsonNode?)JsonValue.Create("v")))),
    };

    private static V1ConfigMap Typed(JsonObject configMap) => KubernetesJson.Deserialize<V1ConfigMap>(configMap.ToJsonString());
}
