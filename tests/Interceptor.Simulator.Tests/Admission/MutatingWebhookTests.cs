using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;

namespace Interceptor.Simulator.Tests.Admission;

/// <summary>
/// Mutating webhooks on pod CREATE, called over HTTPS like the validating ones: a JSONPatch answer lands on the
/// stored pod, mutating runs before validating, selectors skip, failurePolicy decides when the webhook is down.
/// </summary>
public sealed class MutatingWebhookTests : ServerTest
{
    private const string HookName = "inject.test.example.com";

    protected override FakeApiServerOptions Options => new() { Controllers = SimulatedControllers.ReplicaSets };

    [Fact]
    public async Task A_json_patch_answer_lands_on_the_created_pod()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        webhook.Respond = _ => Patch("""[{"op":"add","path":"/metadata/labels","value":{"injected":"yes"}},{"op":"add","path":"/spec/readinessGates","value":[{"conditionType":"interceptor.dev/serving"}]}]""");
        await RegisterAsync(Config(webhook.Url, certificates));

        var created = await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web"), TestPods.Namespace);

        var stored = await Client.CoreV1.ReadNamespacedPodAsync("web", TestPods.Namespace);
        Assert.Equal("yes", created.Metadata.Labels["injected"]);
        Assert.Equal("yes", stored.Metadata.Labels["injected"]);
        Assert.Equal("interceptor.dev/serving", stored.Spec.ReadinessGates.Single().ConditionType);
        var request = webhook.Reviews.Single()["request"]!;
        Assert.Equal(("CREATE", "pods", "", "Pod", "web", "default"), (
            request["operation"]!.GetValue<string>(), request["resource"]!["resource"]!.GetValue<string>(),
            request["subResource"]!.GetValue<string>(), request["kind"]!["kind"]!.GetValue<string>(),
            request["name"]!.GetValue<string>(), request["namespace"]!.GetValue<string>()));
        Assert.Equal("app:1", request["object"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task Validating_webhooks_see_the_object_as_the_mutating_ones_left_it()
    {
        var (mutating, certificates) = await StartWebhookAsync();
        await using var validating = await TestWebhook.StartAsync(certificates);
        mutating.Respond = _ => Patch("""[{"op":"add","path":"/metadata/annotations","value":{"seen-by":"mutating"}}]""");
        validating.Respond = request => request["object"]!["metadata"]!["annotations"]?["seen-by"]?.GetValue<string>() == "mutating"
            ? WebhookAnswers.Allow()
            : WebhookAnswers.Deny(403, "Forbidden", "not mutated first");
        await RegisterAsync(Config(mutating.Url, certificates));
        await Client.AdmissionregistrationV1.CreateValidatingWebhookConfigurationAsync(new V1ValidatingWebhookConfiguration
        {
            Metadata = new V1ObjectMeta { Name = "check" },
            Webhooks = [new V1ValidatingWebhook
            {
                Name = "check.test.example.com", ClientConfig = Config(validating.Url, certificates), Rules = [PodCreate],
                SideEffects = "None", AdmissionReviewVersions = ["v1"],
            }],
        });

        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web"), TestPods.Namespace);

        Assert.Single(validating.Reviews);
        Assert.Equal("mutating", (await Client.CoreV1.ReadNamespacedPodAsync("web", TestPods.Namespace)).Metadata.Annotations["seen-by"]);
    }

    [Fact]
    public async Task A_webhook_that_is_down_fails_the_create_under_Fail()
    {
        var url = await UnreachableUrlAsync();
        using var certificates = TestCertificates.Create();
        await RegisterAsync(Config(url, certificates), failurePolicy: "Fail");

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.InternalServerError,
            () => Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web"), TestPods.Namespace));

        Assert.StartsWith($"Internal error occurred: failed calling webhook \"{HookName}\": failed to call webhook: Post \"{url}?timeout=10s\": ", status.Message);
        Assert.Contains("connection refused", status.Message);
        Assert.Null(Server.Store.TryGet(Interceptor.Simulator.Resources.BuiltinResources.Pods, TestPods.Namespace, "web"));
    }

    [Fact]
    public async Task A_webhook_that_is_down_is_skipped_under_Ignore()
    {
        using var certificates = TestCertificates.Create();
        await RegisterAsync(Config(await UnreachableUrlAsync(), certificates), failurePolicy: "Ignore");

        var created = await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web"), TestPods.Namespace);

        Assert.Null(created.Metadata.Labels);
    }

    [Fact]
    public async Task A_denial_refuses_the_create_with_the_webhooks_status()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        webhook.Respond = _ => WebhookAnswers.Deny(403, "Forbidden", "no pods today");
        await RegisterAsync(Config(webhook.Url, certificates));

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.Forbidden,
            () => Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("web"), TestPods.Namespace));

        Assert.Equal($"admission webhook \"{HookName}\" denied the request: no pods today", status.Message);
    }

    [Fact]
    public async Task An_objectSelector_that_does_not_match_skips_the_webhook()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        var optedIn = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["migrate"] = "true" } };
        await RegisterAsync(Config(webhook.Url, certificates), objectSelector: optedIn);

        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("plain"), TestPods.Namespace);
        await Client.CoreV1.CreateNamespacedPodAsync(TestPods.Pod("opted-in", TestPods.WithLabel("migrate", "true")), TestPods.Namespace);

        Assert.Equal(["opted-in"], webhook.Reviews.Select(r => r["request"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_pod_a_ReplicaSet_creates_is_mutated_and_the_review_names_the_controller()
    {
        var (webhook, certificates) = await StartWebhookAsync();
        webhook.Respond = _ => Patch("""[{"op":"add","path":"/metadata/annotations","value":{"restored":"no"}}]""");
        await RegisterAsync(Config(webhook.Url, certificates));
        var labels = new Dictionary<string, string> { ["app"] = "web" };
        await Client.AppsV1.CreateNamespacedReplicaSetAsync(new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = TestPods.Namespace },
            Spec = new V1ReplicaSetSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "app:1" }] },
                },
            },
        }, TestPods.Namespace);

        using var deadline = Deadline();
        V1Pod? pod = null;
        while (pod is null && !deadline.IsCancellationRequested)
        {
            await Task.Delay(10);
            pod = (await Client.CoreV1.ListNamespacedPodAsync(TestPods.Namespace)).Items.SingleOrDefault();
        }

        Assert.Equal("no", pod?.Metadata.Annotations["restored"]);
        var request = webhook.Reviews.Single()["request"]!;
        Assert.Equal("system:serviceaccount:kube-system:replicaset-controller", request["userInfo"]!["username"]!.GetValue<string>());
        Assert.Equal("web-", request["object"]!["metadata"]!["generateName"]!.GetValue<string>());
    }

    private static readonly V1RuleWithOperations PodCreate =
        new() { ApiGroups = [""], ApiVersions = ["v1"], Operations = ["CREATE"], Resources = ["pods"], Scope = "Namespaced" };

    private static JsonObject Patch(string jsonPatch) => new()
    {
        ["allowed"] = true,
        ["patchType"] = "JSONPatch",
        ["patch"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(jsonPatch)),
    };

    private static Admissionregistrationv1WebhookClientConfig Config(string url, TestCertificates trusted) =>
        new() { Url = url, CaBundle = trusted.CaBundle };

    /// <summary>The address of a webhook that was started and stopped: nothing listens there any more.</summary>
    private static async Task<string> UnreachableUrlAsync()
    {
        using var certificates = TestCertificates.Create();
        var webhook = await TestWebhook.StartAsync(certificates);
        var url = webhook.Url;
        await webhook.DisposeAsync();
        return url;
    }

    private Task RegisterAsync(
        Admissionregistrationv1WebhookClientConfig clientConfig, string failurePolicy = "Fail", V1LabelSelector? objectSelector = null) =>
        Client.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(new V1MutatingWebhookConfiguration
        {
            Metadata = new V1ObjectMeta { Name = "inject" },
            Webhooks =
            [
                new V1MutatingWebhook
                {
                    Name = HookName,
                    ClientConfig = clientConfig,
                    Rules = [PodCreate],
                    FailurePolicy = failurePolicy,
                    ObjectSelector = objectSelector,
                    SideEffects = "None",
                    AdmissionReviewVersions = ["v1"],
                },
            ],
        });
}
