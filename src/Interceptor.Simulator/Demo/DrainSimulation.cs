using System.Net;
using Interceptor.Api;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// The eviction half of <c>kubectl drain</c> (kubectl pkg/drain): one policy/v1 Eviction per pod through the API
/// server's subresource, printing what drain prints. 429 means "retry after 5s"; anything else is a failure.
/// </summary>
public sealed class DrainSimulation(IKubernetes client, Action<string> say)
{
    /// <summary>Registers the eviction webhook as manifests/webhook.yaml does, but addressed by URL on loopback.</summary>
    public static V1ValidatingWebhookConfiguration WebhookConfiguration(Uri webhook, byte[] caBundle) => new()
    {
        ApiVersion = "admissionregistration.k8s.io/v1",
        Kind = "ValidatingWebhookConfiguration",
        Metadata = new V1ObjectMeta { Name = "interceptor-eviction" },
        Webhooks =
        [
            new V1ValidatingWebhook
            {
                Name = "eviction.interceptor.dev",
                AdmissionReviewVersions = ["v1"],
                ClientConfig = new Admissionregistrationv1WebhookClientConfig { Url = new Uri(webhook, "validate/eviction").ToString(), CaBundle = caBundle },
                Rules = [new V1RuleWithOperations { ApiGroups = [""], ApiVersions = ["v1"], Operations = ["CREATE"], Resources = ["pods/eviction"], Scope = "Namespaced" }],
                MatchPolicy = "Equivalent",
                NamespaceSelector = new V1LabelSelector
                {
                    MatchExpressions = [new V1LabelSelectorRequirement { Key = Labels.Migrate, OperatorProperty = "In", Values = [Labels.NamespaceAllPods, Labels.NamespaceOptIn] }],
                },
                SideEffects = "NoneOnDryRun",
                FailurePolicy = "Ignore",
                TimeoutSeconds = 3,
            },
        ],
    };

    /// <summary>Evicts every pod still on the node once; returns how many are left (denied with 429).</summary>
    public async Task<int> EvictAllAsync(string ns, IEnumerable<string> pods, bool dryRun)
    {
        var left = 0;
        foreach (var pod in pods)
        {
            if (await client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: $"metadata.name={pod}").ConfigureAwait(false) is not { Items.Count: > 0 })
            {
                continue;
            }

            say($"  evicting pod {ns}/{pod}");
            try
            {
                await client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(ns, pod, dryRun), pod, ns).ConfigureAwait(false);
                say($"  pod/{pod} evicted{(dryRun ? " (server dry run)" : "")}");
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                left++;
                say($"  error when evicting pods/\"{pod}\" -n \"{ns}\" (will retry after 5s): {MessageOf(e)}");
            }
        }

        return left;
    }

    private static V1Eviction Eviction(string ns, string pod, bool dryRun) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "Eviction",
        Metadata = new V1ObjectMeta { Name = pod, NamespaceProperty = ns },
        // kubectl drain --dry-run=server marks the dry run only here.
        DeleteOptions = dryRun ? new V1DeleteOptions { DryRun = ["All"] } : null,
    };

    private static string MessageOf(HttpOperationException e)
    {
        try
        {
            return KubernetesJson.Deserialize<V1Status>(e.Response.Content).Message;
        }
        catch (System.Text.Json.JsonException)
        {
            return e.Response.Content;
        }
    }
}
