using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>
/// PodMigrations are pruned, defaulted and validated against the CRD in manifests/crds, which the simulator starts
/// with, with the real server's 422 shape (apiextensions-apiserver strategy.go, field.Error texts).
/// </summary>
public sealed class CustomResourceSchemaTests : ServerTest
{
    private const string Group = "interceptor.dev";
    private const string Version = "v1alpha1";
    private const string Plural = "podmigrations";
    private const string Uid = "0c5b3e0e-7d3c-4cc4-9f43-9d2f5b0b1a01";
    private const string Blocked =
        "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation";

    private static JsonObject Migration(JsonObject? spec = null) => new()
    {
        ["apiVersion"] = $"{Group}/{Version}",
        ["kind"] = "PodMigration",
        ["metadata"] = new JsonObject { ["name"] = "m1" },
        ["spec"] = spec ?? new JsonObject { ["podName"] = "web", ["podUID"] = Uid, ["sourceNode"] = "node-a" },
    };

    [Fact]
    public async Task A_value_outside_its_enum_is_refused_with_the_supported_values()
    {
        var spec = new JsonObject { ["podName"] = "web", ["podUID"] = Uid, ["trigger"] = "Foo" };

        var (status, causes) = await InvalidAsync(() => CreateAsync(Migration(spec)));

        Assert.Equal(
            "PodMigration.interceptor.dev \"m1\" is invalid: [spec.trigger: Unsupported value: \"Foo\": supported values: "
            + "\"Eviction\", \"EvictionRequest\", \"Manual\", " + Blocked + "]", status.Message);
        Assert.Equal(("FieldValueNotSupported", "spec.trigger"), (causes[0].Reason, causes[0].Field));
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_refused()
    {
        var spec = new JsonObject { ["podName"] = 5, ["podUID"] = Uid };

        var (status, causes) = await InvalidAsync(() => CreateAsync(Migration(spec)));

        Assert.StartsWith(
            "PodMigration.interceptor.dev \"m1\" is invalid: [spec.podName: Invalid value: \"integer\": spec.podName in body must be of type string: \"integer\", ",
            status.Message);
        Assert.Equal(("FieldValueTypeInvalid", "spec.podName"), (causes[0].Reason, causes[0].Field));
    }

    [Fact]
    public async Task Required_lengths_ranges_formats_and_list_maps_are_checked()
    {
        var spec = new JsonObject { ["podName"] = "", ["podUID"] = new string('u', 37) };
        var (status, _) = await InvalidAsync(() => CreateAsync(Migration(spec)));
        Assert.Equal(
            "PodMigration.interceptor.dev \"m1\" is invalid: [spec.podName: Invalid value: \"\": spec.podName in body should be at least 1 chars long, "
            + "spec.podUID: Too long: may not be more than 36 bytes, " + Blocked + "]", status.Message);

        await CreateAsync(Migration());
        var badStatus = new V1Patch("""
            {"status":{"attempt":-1,"startTime":"yesterday","conditions":[
              {"type":"Checkpointed","status":"True","reason":"Done","message":"","lastTransitionTime":"2026-01-01T00:00:00Z"},
              {"type":"Checkpointed","status":"False","reason":"Done","message":"","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}
            """, V1Patch.PatchType.MergePatch);
        (status, _) = await InvalidAsync(() => Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(badStatus, Group, Version, "default", Plural, "m1"));
        Assert.Equal(
            "PodMigration.interceptor.dev \"m1\" is invalid: [status.attempt: Invalid value: -1: status.attempt in body should be greater than or equal to 0, "
            + "status.startTime: Invalid value: \"yesterday\": status.startTime in body must be of type date-time: \"yesterday\", "
            + "status.conditions[1]: Duplicate value: map[string]interface {}{\"type\":\"Checkpointed\"}, " + Blocked + "]", status.Message);
    }

    [Fact]
    public async Task A_change_that_breaks_a_transition_rule_is_refused()
    {
        await CreateAsync(Migration());
        var change = new V1Patch("""{"spec":{"podUID":"another"}}""", V1Patch.PatchType.MergePatch);

        var (status, causes) = await InvalidAsync(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(change, Group, Version, "default", Plural, "m1"));

        Assert.Equal("PodMigration.interceptor.dev \"m1\" is invalid: spec.podUID: Invalid value: \"string\": podUID is immutable", status.Message);
        Assert.Equal(("FieldValueInvalid", "spec.podUID"), (causes[0].Reason, causes[0].Field));
    }

    [Fact]
    public async Task Removing_the_source_node_breaks_the_object_level_transition_rule()
    {
        await CreateAsync(Migration());
        var removal = new V1Patch("""[{"op":"remove","path":"/spec/sourceNode"}]""", V1Patch.PatchType.JsonPatch);

        var (status, _) = await InvalidAsync(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(removal, Group, Version, "default", Plural, "m1"));

        Assert.Equal("PodMigration.interceptor.dev \"m1\" is invalid: spec: Invalid value: \"object\": sourceNode cannot be removed once set", status.Message);
    }

    [Fact]
    public async Task Transition_rules_do_not_run_on_create_and_a_late_source_node_may_be_added()
    {
        var spec = new JsonObject { ["podName"] = "web", ["podUID"] = Uid };
        await CreateAsync(Migration(spec));
        var fill = new V1Patch("""{"spec":{"sourceNode":"node-a"}}""", V1Patch.PatchType.MergePatch);

        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(fill, Group, Version, "default", Plural, "m1");

        Assert.Equal("node-a", Stored()["spec"]!["sourceNode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_fields_are_pruned_and_defaults_applied_but_metadata_is_kept()
    {
        var migration = Migration();
        migration["spec"]!["colour"] = "blue";
        migration["extra"] = true;
        migration["metadata"]!["labels"] = new JsonObject { ["app"] = "web" };

        var created = (JsonElement)await CreateAsync(migration);

        var spec = created.GetProperty("spec");
        Assert.False(spec.TryGetProperty("colour", out _));
        Assert.False(created.TryGetProperty("extra", out _));
        Assert.Equal("Evict", spec.GetProperty("onFailure").GetString());
        Assert.Equal("web", created.GetProperty("metadata").GetProperty("labels").GetProperty("app").GetString());
        Assert.Equal("Evict", Stored()["spec"]!["onFailure"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_status_write_validates_only_status_and_a_main_write_ignores_status()
    {
        await CreateAsync(Migration());
        var main = new V1Patch("""{"spec":{"targetNode":"node-b"},"status":{"phase":"Nowhere"}}""", V1Patch.PatchType.MergePatch);
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(main, Group, Version, "default", Plural, "m1");
        var ok = new V1Patch("""{"status":{"phase":"Checkpointing","colour":"blue"}}""", V1Patch.PatchType.MergePatch);
        await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(ok, Group, Version, "default", Plural, "m1");

        var stored = Stored();
        Assert.Equal("node-b", stored["spec"]!["targetNode"]!.GetValue<string>());
        Assert.Equal("""{"phase":"Checkpointing"}""", stored["status"]!.ToJsonString());
    }

    [Fact]
    public void In_process_writes_are_validated_like_http_ones()
    {
        var error = Assert.Throws<ApiStatusException>(() =>
            Server.Store.Create(BuiltinResources.PodMigrations, Migration(new JsonObject { ["podName"] = "web" }), "default"));

        Assert.Equal(422, error.Code);
        Assert.Equal("PodMigration.interceptor.dev \"m1\" is invalid: [spec.podUID: Required value, " + Blocked + "]", error.Message);
    }

    [Fact]
    public async Task A_crd_created_later_validates_its_objects_and_defaults_the_stored_ones()
    {
        var widgets = new ResourceType("example.com", "v1", "widgets", "Widget", Namespaced: false, HasStatus: false);
        Server.Store.Resources.Register(widgets);
        Server.Store.Create(widgets, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "old" }, ["spec"] = new JsonObject() });
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesJson.Deserialize<V1CustomResourceDefinition>(WidgetCrd));

        var old = (JsonElement)await Client.CustomObjects.GetClusterCustomObjectAsync("example.com", "v1", "widgets", "old");
        var (status, _) = await InvalidAsync(() => Client.CustomObjects.CreateClusterCustomObjectAsync(
            new JsonObject { ["metadata"] = new JsonObject { ["name"] = "w" }, ["spec"] = new JsonObject { ["size"] = 0 } },
            "example.com", "v1", "widgets"));

        Assert.Equal(3, old.GetProperty("spec").GetProperty("size").GetInt32());
        Assert.Equal("Widget.example.com \"w\" is invalid: spec: Invalid value: \"object\": failed rule: self.size > 0", status.Message);
    }

    private const string WidgetCrd = """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
         "spec":{"group":"example.com","scope":"Cluster","names":{"plural":"widgets","singular":"widget","kind":"Widget","listKind":"WidgetList"},
          "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","properties":{
            "spec":{"type":"object","x-kubernetes-validations":[{"rule":"self.size > 0"}],
                    "properties":{"size":{"type":"integer","format":"int32","default":3}}}}}}}]}}
        """;

    private Task<object> CreateAsync(JsonObject migration) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync(migration, Group, Version, "default", Plural);

    private JsonObject Stored() => Server.Store.Get(BuiltinResources.PodMigrations, "default", "m1");

    /// <summary>The 422 Invalid Status: its message and its causes.</summary>
    private static async Task<(Invalid Status, List<Cause> Causes)> InvalidAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        var body = JsonNode.Parse(error.Response.Content)!;
        Assert.Equal("Invalid", body["reason"]!.GetValue<string>());
        var causes = body["details"]!["causes"]!.AsArray()
            .Select(c => new Cause(c!["reason"]!.GetValue<string>(), c["field"]!.GetValue<string>())).ToList();
        return (new Invalid(body["message"]!.GetValue<string>()), causes);
    }

    private sealed record Invalid(string Message);

    private sealed record Cause(string Reason, string Field);
}
