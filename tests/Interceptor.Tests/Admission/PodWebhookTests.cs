using System.Text;
using System.Text.Json.Nodes;
using Interceptor.Admission;
using Interceptor.Api;
using Interceptor.Tests.Support;
using k8s.Models;
using Xunit;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Admission;

/// <summary>
/// The pod CREATE mutating webhook end to end: AdmissionReview over HTTPS into the real service, which reads
/// namespace labels through the real KubernetesClient from the fake API server.
/// </summary>
public sealed class PodWebhookTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    private const string AddGate = """[{"op":"add","path":"/spec/readinessGates","value":[{"conditionType":"interceptor.dev/serving"}]}]""";

    private InterceptorHost Host => fixture.Host;

    [Fact]
    public async Task An_opted_in_pod_gets_exactly_the_readiness_gate_patch()
    {
        var before = await Host.MetricAsync("interceptor_pod_mutation_decisions_total", ("reason", MutationReasons.GateAdded));

        var response = await MutateAsync(Pod("cache-0", OptedIn()), uid: "m-opted-in");

        Assert.True((bool)response["allowed"]!);
        Assert.Equal("JSONPatch", (string?)response["patchType"]);
        Assert.Equal(AddGate, Encoding.UTF8.GetString(Convert.FromBase64String((string)response["patch"]!)));
        Assert.Null(response["warnings"]);
        Assert.Equal(before + 1, await Host.MetricAsync("interceptor_pod_mutation_decisions_total", ("reason", MutationReasons.GateAdded)));
    }

    [Fact]
    public async Task An_opted_in_pod_with_another_gate_gets_ours_appended()
    {
        var response = await MutateAsync(Pod("cache-1", OptedIn(), WithReadinessGate("example.com/lb")));

        Assert.Equal("""[{"op":"add","path":"/spec/readinessGates/-","value":{"conditionType":"interceptor.dev/serving"}}]""",
            Encoding.UTF8.GetString(Convert.FromBase64String((string)response["patch"]!)));
    }

    [Theory]
    [InlineData("not opted in")]
    [InlineData("opted out")]
    [InlineData("DaemonSet")]
    [InlineData("mirror")]
    [InlineData("already gated")]
    public async Task A_pod_that_must_not_change_is_allowed_without_a_patch(string kind)
    {
        var pod = kind switch
        {
            "not opted in" => Pod("plain"),
            "opted out" => Pod("plain", OptedOut()),
            "DaemonSet" => Pod("logs", OptedIn(), OwnedBy("DaemonSet", "logs")),
            "mirror" => Pod("etcd", OptedIn(), Mirror()),
            _ => Pod("cache-2", OptedIn(), WithReadinessGate(PodConditionTypes.Serving)),
        };

        var response = await MutateAsync(pod, uid: "m-" + kind.Replace(' ', '-'));

        Assert.True((bool)response["allowed"]!);
        Assert.Null(response["patch"]);
        Assert.Null(response["patchType"]);
    }

    [Fact]
    public async Task A_pod_named_by_generateName_takes_its_namespace_from_the_request()
    {
        await fixture.Cluster.AddNamespaceAsync("team-all", Labels.NamespaceAllPods);

        var response = await MutateAsync(Pod("x", GeneratedName("notebook-"), OwnedBy("ReplicaSet", "notebook-5c")), ns: "team-all");

        Assert.Equal(AddGate, Encoding.UTF8.GetString(Convert.FromBase64String((string)response["patch"]!)));
    }

    [Fact]
    public async Task A_dry_run_gets_the_same_answer()
    {
        var real = await MutateAsync(Pod("cache-3", OptedIn()), uid: "m-real");
        var dry = await MutateAsync(Pod("cache-3", OptedIn()), uid: "m-dry", dryRun: true);

        Assert.Equal(((string?)real["patchType"], (string?)real["patch"]), ((string?)dry["patchType"], (string?)dry["patch"]));
    }

    [Fact]
    public async Task When_the_namespace_cannot_be_read_the_pod_is_created_unchanged_with_a_warning()
    {
        var before = await Host.MetricAsync("interceptor_pod_mutation_decisions_total", ("reason", MutationReasons.FailOpen));
        using var _ = fixture.Cluster.Fail("GET", "/namespaces/unreadable", 500);

        var response = await MutateAsync(Pod("web"), ns: "unreadable", uid: "m-fail-open");

        Assert.True((bool)response["allowed"]!);
        Assert.Null(response["patch"]);
        Assert.Contains("ApiError500", (string)response["warnings"]![0]!);
        Assert.Equal(before + 1, await Host.MetricAsync("interceptor_pod_mutation_decisions_total", ("reason", MutationReasons.FailOpen)));
    }

    public static TheoryData<string, string, string, int> Hostile => new()
    {
        { "garbage JSON", "{\"apiVersion\":", "application/json", 400 },
        { "JSON null", "null", "application/json", 400 },
        { "a JSON array", "[]", "application/json", 400 },
        { "the wrong content type", Review().ToJsonString(), "text/plain", 415 },
        { "a missing uid", Without(Review(), "uid").ToJsonString(), "application/json", 400 },
        { "a missing object", Without(Review(), "object").ToJsonString(), "application/json", 400 },
        { "a pod without a spec", WithoutSpec(Review()).ToJsonString(), "application/json", 400 },
        { "an eviction review sent to the pod endpoint", AdmissionReviews.Eviction(Namespace, "web-0").ToJsonString(), "application/json", 400 },
        { "a body over the cap", new string(' ', 300 * 1024) + Review().ToJsonString(), "application/json", 413 },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_malformed_review_is_refused_with_a_4xx(string sentence, string body, string contentType, int expected)
    {
        using var response = await Host.Webhook.PostAsync(PodAdmissionEndpoint.Path, AdmissionReviews.Json(body, contentType));

        Assert.True(expected == (int)response.StatusCode, $"{sentence}: expected {expected}, got {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_body_over_the_cap_is_refused_with_413_even_when_chunked()
    {
        var huge = new string(' ', 300 * 1024) + Review().ToJsonString();
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, PodAdmissionEndpoint.Path) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await Host.Webhook.SendAsync(request);

        Assert.Equal(413, (int)response.StatusCode);
    }

    private static JsonObject Review() => AdmissionReviews.PodCreate(Namespace, Pod("web", OptedIn()));

    private static JsonObject Without(JsonObject review, string field)
    {
        review["request"]!.AsObject().Remove(field);
        return review;
    }

    private static JsonObject WithoutSpec(JsonObject review)
    {
        review["request"]!["object"]!.AsObject().Remove("spec");
        return review;
    }

    private async Task<JsonNode> MutateAsync(V1Pod pod, string ns = Namespace, string uid = "m-uid", bool dryRun = false)
    {
        var (status, body) = await AdmissionReviews.PostAsync(Host.Webhook, AdmissionReviews.PodCreate(ns, pod, uid, dryRun), PodAdmissionEndpoint.Path);
        Assert.Equal(200, status);
        return AdmissionReviews.Response(body, uid);
    }
}
