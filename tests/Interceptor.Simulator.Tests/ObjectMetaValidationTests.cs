using System.Net;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>ValidateObjectMeta's checks with upstream's messages (apimachinery objectmeta.go, util/validation).</summary>
public sealed class ObjectMetaValidationTests : ServerTest
{
    private const string SubdomainRule =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start " +
        "and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    [Fact]
    public async Task A_pod_name_must_be_an_rfc_1123_subdomain()
    {
        var status = await ApiErrors.ThrowsStatusAsync((HttpStatusCode)422,
            () => Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("bad name"), "default"));

        Assert.Equal($"Pod \"bad name\" is invalid: metadata.name: Invalid value: \"bad name\": {SubdomainRule}", status.Message);
        Assert.Equal("Invalid", status.Reason);
    }

    [Theory]
    [InlineData("demo.v1", "must not contain dots")]
    [InlineData("Demo", "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")]
    public void A_namespace_name_must_be_an_rfc_1123_label(string name, string message)
    {
        var error = Invalid(BuiltinResources.Namespaces, new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });

        Assert.Equal($"Namespace \"{name}\" is invalid: metadata.name: Invalid value: \"{name}\": {message}", error.Message);
    }

    [Fact]
    public void A_service_name_must_be_a_dns_1035_label_starting_with_a_letter()
    {
        var error = Invalid(BuiltinResources.Services, new V1Service { Metadata = new V1ObjectMeta { Name = "1web", NamespaceProperty = "default" } });

        Assert.EndsWith(
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end " +
            "with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            error.Message);
    }

    [Fact]
    public void A_generate_name_may_end_in_a_dash_but_an_invalid_one_fails_together_with_the_name_made_from_it()
    {
        Server.Store.Create(TestPods.Pod("", p => p.Metadata.GenerateName = "web-"));

        var error = Invalid(BuiltinResources.Pods, TestPods.Pod("", p => p.Metadata.GenerateName = "Web-"));

        var causes = error.Details!.Causes!;
        Assert.Equal(["metadata.generateName", "metadata.name"], causes.Select(c => c.Field));
        Assert.StartsWith("Pod \"Web-", error.Message);
        Assert.Contains("[metadata.generateName: Invalid value: \"Web-\": a lowercase RFC 1123 subdomain", error.Message);
    }

    [Fact]
    public void Label_keys_are_qualified_names_and_values_at_most_63_characters()
    {
        var pod = TestPods.Pod("p", p => p.Metadata.Labels = new Dictionary<string, string>
        {
            ["example.com/ok"] = "fine",
            ["bad key!"] = "",
            ["/empty-prefix"] = "v",
            ["long"] = new string('a', 64),
        });

        var error = Invalid(BuiltinResources.Pods, pod);

        Assert.Equal(
            [
                "metadata.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                "metadata.labels: Invalid value: \"/empty-prefix\": prefix part must be non-empty",
                $"metadata.labels: Invalid value: \"{new string('a', 64)}\": must be no more than 63 characters",
            ],
            error.Details!.Causes!.Select(c => $"{c.Field}: {c.Message}").ToArray());
    }

    [Fact]
    public void Annotations_may_total_256_KiB_and_their_keys_ignore_case()
    {
        Server.Store.Create(TestPods.Pod("fits", p => p.Metadata.Annotations = new Dictionary<string, string>
        {
            ["Example.COM/Key"] = new string('x', 256 * 1024 - "Example.COM/Key".Length),
        }));

        var error = Invalid(BuiltinResources.Pods, TestPods.Pod("too-big", p => p.Metadata.Annotations = new Dictionary<string, string>
        {
            ["a"] = new string('x', 256 * 1024),
        }));

        Assert.Equal("Pod \"too-big\" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes", error.Message);
    }

    [Fact]
    public async Task An_update_that_adds_a_bad_label_is_refused()
    {
        Server.Store.Create(TestPods.Pod("p"));
        var pod = await Client.CoreV1.ReadNamespacedPodAsync("p", "default");
        pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "-web" };

        var status = await ApiErrors.ThrowsStatusAsync((HttpStatusCode)422,
            () => Client.CoreV1.ReplaceNamespacedPodAsync(pod, "p", "default"));

        Assert.StartsWith("Pod \"p\" is invalid: metadata.labels: Invalid value: \"-web\": a valid label must be an empty string", status.Message);
    }

    [Fact]
    public void Rbac_names_are_path_segments_so_colons_pass_and_slashes_do_not()
    {
        Server.Store.Create(BuiltinResources.ClusterRoles, Object("ClusterRole", "system:controller:x"));

        var error = Assert.Throws<ApiStatusException>(
            () => Server.Store.Create(BuiltinResources.ClusterRoles, Object("ClusterRole", "a/b")));

        Assert.EndsWith("metadata.name: Invalid value: \"a/b\": may not contain '/'", error.Message);
    }

    [Fact]
    public void A_core_v1_event_is_not_held_to_object_meta_rules_as_upstream_keeps_them_legacy()
    {
        var created = Server.Store.Create(BuiltinResources.Events, new System.Text.Json.Nodes.JsonObject
        {
            ["kind"] = "Event",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["generateName"] = "web.", ["namespace"] = "default" },
        });

        Assert.StartsWith("web.", Meta.Name(created));
    }

    private ApiStatusException Invalid(ResourceType resource, IKubernetesObject<V1ObjectMeta> obj)
    {
        var error = Assert.Throws<ApiStatusException>(() => Server.Store.Create(resource, Json(obj)));
        Assert.Equal((422, "Invalid"), (error.Code, error.Reason));
        return error;
    }

    private static System.Text.Json.Nodes.JsonObject Json(object obj) =>
        System.Text.Json.Nodes.JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();

    private static System.Text.Json.Nodes.JsonObject Object(string kind, string name) =>
        new() { ["kind"] = kind, ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = name } };
}
