using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;
using k8s;
using k8s.Models;
using static Interceptor.Simulator.Tests.Support.TestPods;

namespace Interceptor.Simulator.Tests.Support;

/// <summary>Helpers for eviction tests: running pods, webhook registrations, PDBs and evictions through the real client.</summary>
public abstract class EvictionTest : ServerTest
{
    protected const string WebhookName = "evict.test.example.com";

    protected static readonly Dictionary<string, string> AppWeb = new() { ["app"] = "web" };

    /// <summary>A Ready pod labelled app=web: eviction.go spends a PDB's budget only on ready pods.</summary>
    protected void AddRunningPod(string name, string phase = "Running") =>
        Server.Store.Create(Pod(name, InPhase(phase), Ready, WithLabel("app", "web")));

    protected static void Ready(V1Pod pod) =>
        pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }];

    protected bool PodExists(string name) => Server.Store.TryGet(BuiltinResources.Pods, Namespace, name) is not null;

    protected Task<V1Eviction> EvictAsync(string name, V1DeleteOptions? options = null, string? dryRun = null) =>
        Client.CoreV1.CreateNamespacedPodEvictionAsync(
            new V1Eviction { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace }, DeleteOptions = options },
            name, Namespace, dryRun: dryRun);

    /// <summary>Registers one webhook for pods/eviction CREATE, as section 2.3 of the API notes shows it.</summary>
    protected Task RegisterAsync(
        Admissionregistrationv1WebhookClientConfig clientConfig, string? failurePolicy = "Fail",
        V1LabelSelector? namespaceSelector = null, int? timeoutSeconds = null, string sideEffects = "NoneOnDryRun",
        string? scope = "Namespaced", string resource = "pods/eviction") =>
        Client.AdmissionregistrationV1.CreateValidatingWebhookConfigurationAsync(new V1ValidatingWebhookConfiguration
        {
            Metadata = new V1ObjectMeta { Name = "eviction-test" },
            Webhooks =
            [
                new V1ValidatingWebhook
                {
                    Name = WebhookName,
                    ClientConfig = clientConfig,
                    Rules = [new V1RuleWithOperations
                    {
                        ApiGroups = [""], ApiVersions = ["v1"], Operations = ["CREATE"], Resources = [resource], Scope = scope,
                    }],
                    FailurePolicy = failurePolicy,
                    NamespaceSelector = namespaceSelector,
                    SideEffects = sideEffects,
                    TimeoutSeconds = timeoutSeconds,
                    AdmissionReviewVersions = ["v1"],
                },
            ],
        });

    protected static Admissionregistrationv1WebhookClientConfig UrlConfig(string url, TestCertificates trusted) =>
        new() { Url = url, CaBundle = trusted.CaBundle };

    /// <summary>A PDB over app=web whose controller has caught up (observedGeneration = generation).</summary>
    protected void AddBudget(string name, int disruptionsAllowed, int desiredHealthy = 1, int currentHealthy = 1) =>
        Server.Store.Create(new V1PodDisruptionBudget
        {
            ApiVersion = "policy/v1",
            Kind = "PodDisruptionBudget",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Spec = new V1PodDisruptionBudgetSpec { MinAvailable = 1, Selector = new V1LabelSelector { MatchLabels = AppWeb } },
            Status = new V1PodDisruptionBudgetStatus
            {
                DisruptionsAllowed = disruptionsAllowed, DesiredHealthy = desiredHealthy, CurrentHealthy = currentHealthy,
                ExpectedPods = 1, ObservedGeneration = 1,
            },
        });

    /// <summary>A raw POST, for bodies and headers the typed client does not expose (policy/v1beta1, Retry-After).</summary>
    protected async Task<HttpResponseMessage> PostEvictionAsync(string name, JsonObject body)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        return await http.PostAsync($"api/v1/namespaces/{Namespace}/pods/{name}/eviction", content);
    }

    protected static JsonObject EvictionBody(string name, string apiVersion = "policy/v1") => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = "Eviction",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace },
    };
}
