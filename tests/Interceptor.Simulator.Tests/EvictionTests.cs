using System.Net;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;
using static Interceptor.Simulator.Tests.Support.TestPods;

namespace Interceptor.Simulator.Tests;

/// <summary>pods/eviction with a validating webhook of the test's own, over HTTPS, through the real client.</summary>
public sealed class EvictionTests : EvictionTest
{
    [Fact]
    public async Task An_allowing_webhook_sees_the_eviction_review_and_the_pod_is_deleted()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        await RegisterAsync(UrlConfig(webhook.Url, certificates));
        AddRunningPod("web");

        await EvictAsync("web");

        Assert.False(PodExists("web"));
        var request = Assert.Single(webhook.Reviews)["request"]!;
        Assert.True(Guid.TryParse(request["uid"]!.GetValue<string>(), out _));
        Assert.Equal("policy/v1/Eviction", Gvk(request["kind"]));
        Assert.Equal("policy/v1/Eviction", Gvk(request["requestKind"]));
        Assert.Equal("pods", request["resource"]!["resource"]!.GetValue<string>());
        Assert.Equal("eviction", request["subResource"]!.GetValue<string>());
        Assert.Equal(("web", Namespace, "CREATE"), (Str(request, "name"), Str(request, "namespace"), Str(request, "operation")));
        Assert.Equal("kubernetes-admin", request["userInfo"]!["username"]!.GetValue<string>());
        Assert.Equal("Eviction", request["object"]!["kind"]!.GetValue<string>());
        Assert.False(request["dryRun"]!.GetValue<bool>());
        Assert.Equal("CreateOptions", request["options"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Success_is_201_with_a_Success_status()
    {
        AddRunningPod("web");

        using var response = await PostEvictionAsync("web", EvictionBody("web"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_429_denial_reaches_the_caller_with_the_prefixed_message_and_the_pod_stays()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        webhook.Respond = _ => WebhookAnswers.Deny(429, "TooManyRequests", "live migration in progress");
        await RegisterAsync(UrlConfig(webhook.Url, certificates));
        AddRunningPod("web");

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.TooManyRequests, () => EvictAsync("web"));

        Assert.Equal($"admission webhook \"{WebhookName}\" denied the request: live migration in progress", status.Message);
        Assert.Equal("TooManyRequests", status.Reason);
        Assert.Equal("Failure", status.Status);
        Assert.True(PodExists("web"));
    }

    [Fact]
    public async Task A_denial_with_a_code_below_400_becomes_400()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        webhook.Respond = _ => WebhookAnswers.Deny(200, null, "no");
        await RegisterAsync(UrlConfig(webhook.Url, certificates));
        AddRunningPod("web");

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.BadRequest, () => EvictAsync("web"));

        Assert.Equal($"admission webhook \"{WebhookName}\" denied the request: no", status.Message);
        Assert.True(PodExists("web"));
    }

    [Fact]
    public async Task A_bare_denial_is_400_without_explanation()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        webhook.Respond = _ => new JsonObject { ["allowed"] = false };
        await RegisterAsync(UrlConfig(webhook.Url, certificates));
        AddRunningPod("web");

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.BadRequest, () => EvictAsync("web"));

        Assert.Equal($"admission webhook \"{WebhookName}\" denied the request without explanation", status.Message);
        Assert.Null(status.Reason);
    }

    [Fact]
    public async Task RetryAfterSeconds_in_a_denial_becomes_a_Retry_After_header()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        webhook.Respond = _ => WebhookAnswers.Deny(429, "TooManyRequests", "later", retryAfterSeconds: 7);
        await RegisterAsync(UrlConfig(webhook.Url, certificates));
        AddRunningPod("web");

        using var response = await PostEvictionAsync("web", EvictionBody("web"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        var details = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["details"]!;
        Assert.Equal(7, details["retryAfterSeconds"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("pods", false)]
    [InlineData("*", false)]
    [InlineData("pods/*", true)]
    [InlineData("*/eviction", true)]
    [InlineData("*/*", true)]
    public async Task Only_rules_that_reach_the_eviction_subresource_call_the_webhook(string resource, bool called)
    {
        var (webhook, certificates) = await StartWebhookAsync();
        await RegisterAsync(UrlConfig(webhook.Url, certificates), resource: resource);
        AddRunningPod("web");

        await EvictAsync("web");

        Assert.Equal(called ? 1 : 0, webhook.Reviews.Count);
    }

    [Fact]
    public async Task A_namespaceSelector_that_does_not_match_skips_the_webhook()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        webhook.Respond = _ => WebhookAnswers.Deny(429, "TooManyRequests", "should not be asked");
        var selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["migrate"] = "true" } };
        await RegisterAsync(UrlConfig(webhook.Url, certificates), namespaceSelector: selector);
        Server.Store.Create(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        AddRunningPod("web");

        await EvictAsync("web");

        Assert.Empty(webhook.Reviews);
        Assert.False(PodExists("web"));
    }

    [Fact]
    public async Task A_namespaceSelector_matches_the_namespace_labels_from_the_store()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        webhook.Respond = _ => WebhookAnswers.Deny(429, "TooManyRequests", "asked");
        var selector = new V1LabelSelector
        {
            MatchExpressions = [new V1LabelSelectorRequirement { Key = "migrate", OperatorProperty = "In", Values = ["true"] }],
        };
        await RegisterAsync(UrlConfig(webhook.Url, certificates), namespaceSelector: selector);
        Server.Store.Create(new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = Namespace, Labels = new Dictionary<string, string> { ["migrate"] = "true" } },
        });
        AddRunningPod("web");

        await ApiErrors.ThrowsStatusAsync(HttpStatusCode.TooManyRequests, () => EvictAsync("web"));

        Assert.Single(webhook.Reviews);
    }

    [Fact]
    public async Task A_dry_run_in_the_body_reaches_the_webhook_as_dryRun_false_and_deletes_nothing()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        await RegisterAsync(UrlConfig(webhook.Url, certificates));
        AddRunningPod("web");

        await EvictAsync("web", new V1DeleteOptions { DryRun = ["All"] });

        Assert.True(PodExists("web"));
        var request = Assert.Single(webhook.Reviews)["request"]!;
        Assert.False(request["dryRun"]!.GetValue<bool>());
        Assert.Equal("All", request["object"]!["deleteOptions"]!["dryRun"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_dry_run_in_the_query_reaches_the_webhook_as_dryRun_true()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        await RegisterAsync(UrlConfig(webhook.Url, certificates));
        AddRunningPod("web");

        await EvictAsync("web", dryRun: "All");

        Assert.True(PodExists("web"));
        var request = Assert.Single(webhook.Reviews)["request"]!;
        Assert.True(request["dryRun"]!.GetValue<bool>());
        Assert.Equal("All", request["options"]!["dryRun"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_policy_v1beta1_body_is_accepted_and_reported_as_the_request_kind()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        await RegisterAsync(UrlConfig(webhook.Url, certificates));
        AddRunningPod("web");

        using var response = await PostEvictionAsync("web", EvictionBody("web", "policy/v1beta1"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(PodExists("web"));
        var request = Assert.Single(webhook.Reviews)["request"]!;
        Assert.Equal("policy/v1/Eviction", Gvk(request["kind"]));
        Assert.Equal("policy/v1beta1/Eviction", Gvk(request["requestKind"]));
    }

    [Fact]
    public async Task A_service_webhook_is_reached_through_ResolveService_and_its_service_name()
    {
        var (webhook, certificates) = await StartWebhookAsync("webhook.migrate.svc");
        Server.Webhooks.ResolveService = (ns, name, port) =>
            (ns, name, port) == ("migrate", "webhook", 8443) ? new Uri($"https://127.0.0.1:{webhook.Port}") : null!;
        var service = new Admissionregistrationv1ServiceReference { NamespaceProperty = "migrate", Name = "webhook", Port = 8443, Path = TestWebhook.Path };
        await RegisterAsync(new Admissionregistrationv1WebhookClientConfig { Service = service, CaBundle = certificates.CaBundle });
        AddRunningPod("web");

        await EvictAsync("web");

        Assert.Single(webhook.Reviews);
        Assert.False(PodExists("web"));
    }

    [Fact]
    public async Task Impersonate_User_becomes_the_review_userInfo()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        await RegisterAsync(UrlConfig(webhook.Url, certificates));
        AddRunningPod("web");
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        http.DefaultRequestHeaders.Add("Impersonate-User", "system:serviceaccount:kube-system:cluster-autoscaler");

        using var response = await http.PostAsync($"api/v1/namespaces/{Namespace}/pods/web/eviction",
            new StringContent(EvictionBody("web").ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = Assert.Single(webhook.Reviews)["request"]!["userInfo"]!;
        Assert.Equal("system:serviceaccount:kube-system:cluster-autoscaler", user["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_name_that_differs_from_the_url_is_400()
    {
        AddRunningPod("web");
        var eviction = new V1Eviction { Metadata = new V1ObjectMeta { Name = "other", NamespaceProperty = Namespace } };

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.BadRequest,
            () => Client.CoreV1.CreateNamespacedPodEvictionAsync(eviction, "web", Namespace));

        Assert.Equal("name in URL does not match name in Eviction object", status.Message);
    }

    [Fact]
    public async Task A_missing_pod_is_404_after_the_webhooks_have_been_asked()
    {
        // eviction.go runs createValidation (the webhooks) before it reads the pod.
        var (webhook, certificates) = await StartWebhookAsync();
        await RegisterAsync(UrlConfig(webhook.Url, certificates));

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.NotFound, () => EvictAsync("ghost"));

        Assert.Equal("pods \"ghost\" not found", status.Message);
        Assert.Single(webhook.Reviews);
    }

    [Fact]
    public async Task A_dry_run_needs_a_webhook_without_side_effects()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        await RegisterAsync(UrlConfig(webhook.Url, certificates), sideEffects: "Some");
        AddRunningPod("web");

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.BadRequest, () => EvictAsync("web", dryRun: "All"));

        Assert.Equal($"admission webhook \"{WebhookName}\" does not support dry run", status.Message);
        Assert.Empty(webhook.Reviews);
    }

    [Fact]
    public async Task Discovery_lists_pods_eviction_and_the_new_resources()
    {
        var core = await Client.CoreV1.GetAPIResourcesAsync();
        var policy = await Client.PolicyV1.GetAPIResourcesAsync();
        var admission = await Client.AdmissionregistrationV1.GetAPIResourcesAsync();

        var eviction = Assert.Single(core.Resources, r => r.Name == "pods/eviction");
        Assert.Equal(("policy", "v1", "Eviction"), (eviction.Group, eviction.Version, eviction.Kind));
        Assert.Equal(["create"], eviction.Verbs);
        Assert.Contains(policy.Resources, r => r.Name == "poddisruptionbudgets/status");
        Assert.Contains(admission.Resources, r => r.Name == "validatingwebhookconfigurations" && !r.Namespaced);
    }

    [Fact]
    public async Task A_webhook_configuration_reads_back_with_the_v1_defaults()
    {
        await RegisterAsync(new Admissionregistrationv1WebhookClientConfig { Url = "https://127.0.0.1:1/x" }, failurePolicy: null, scope: null);

        var stored = await Client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync("eviction-test");

        var hook = Assert.Single(stored.Webhooks);
        Assert.Equal(("Fail", "Equivalent", 10), (hook.FailurePolicy, hook.MatchPolicy, hook.TimeoutSeconds));
        Assert.NotNull(hook.NamespaceSelector);
        Assert.Equal("*", Assert.Single(hook.Rules).Scope);
    }

    [Fact]
    public async Task The_grace_period_reaches_a_deletion_hook_that_takes_options()
    {
        Server.Store.SetDeletionHook(BuiltinResources.Pods, (JsonObject pod, JsonObject? options, TimeProvider _) =>
        {
            if (options?["gracePeriodSeconds"] is null)
            {
                return DeletionDecision.RemoveNow;
            }
            var kept = pod.DeepClone().AsObject();
            kept["metadata"]!["deletionGracePeriodSeconds"] = options["gracePeriodSeconds"]!.DeepClone();
            return DeletionDecision.KeepAs(kept);
        });
        AddRunningPod("web");

        await EvictAsync("web", new V1DeleteOptions { GracePeriodSeconds = 30 });

        var pod = Server.Store.Get(BuiltinResources.Pods, Namespace, "web");
        Assert.Equal("30", pod["metadata"]!["deletionGracePeriodSeconds"]!.ToJsonString());
    }

    private static string Gvk(JsonNode? gvk) =>
        $"{gvk!["group"]!.GetValue<string>()}/{gvk["version"]!.GetValue<string>()}/{gvk["kind"]!.GetValue<string>()}";

    private static string Str(JsonNode node, string key) => node[key]!.GetValue<string>();
}
