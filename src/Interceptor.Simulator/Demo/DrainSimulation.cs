using System.Diagnostics;
using System.Net;
using Interceptor.Admission;
using Interceptor.Api;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Interceptor.Simulator.Demo;

/// <summary>
/// <c>kubectl drain NODE --ignore-daemonsets --force</c> as kubectl pkg/drain does it, printing what kubectl prints:
/// cordon, list the node's pods by <c>spec.nodeName</c>, leave DaemonSet pods alone, then evict every other pod
/// concurrently through the pods/eviction subresource, retrying each on 429, and wait for each to be gone, all
/// under one global timeout. Only the retry wait is configurable (kubectl: 5 s), so a demo need not take minutes.
/// </summary>
public sealed class DrainSimulation(IKubernetes client, Action<string> say, IDrainObserver observer)
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
                ClientConfig = ClientConfig(webhook, EvictionAdmissionEndpoint.Path, caBundle),
                Rules = [PodsRule("pods/eviction")],
                MatchPolicy = "Equivalent",
                NamespaceSelector = OptedInNamespaces(),
                SideEffects = "NoneOnDryRun",
                FailurePolicy = "Ignore",
                TimeoutSeconds = 3,
            },
        ],
    };

    /// <summary>Registers the pod CREATE mutating webhook (the readiness gate) as manifests/mutating-webhook.yaml does, by URL on loopback.</summary>
    public static V1MutatingWebhookConfiguration MutatingWebhookConfiguration(Uri webhook, byte[] caBundle) => new()
    {
        ApiVersion = "admissionregistration.k8s.io/v1",
        Kind = "MutatingWebhookConfiguration",
        Metadata = new V1ObjectMeta { Name = "interceptor-pods" },
        Webhooks =
        [
            new V1MutatingWebhook
            {
                Name = "pods.interceptor.dev",
                AdmissionReviewVersions = ["v1"],
                ClientConfig = ClientConfig(webhook, PodAdmissionEndpoint.Path, caBundle),
                Rules = [PodsRule("pods")],
                MatchPolicy = "Equivalent",
                NamespaceSelector = OptedInNamespaces(),
                ObjectSelector = new V1LabelSelector
                {
                    MatchExpressions = [new V1LabelSelectorRequirement { Key = Labels.Migrate, OperatorProperty = "NotIn", Values = [Labels.PodOptedOut] }],
                },
                ReinvocationPolicy = "Never",
                SideEffects = "None",
                FailurePolicy = "Ignore",
                TimeoutSeconds = 3,
            },
        ],
    };

    private static Admissionregistrationv1WebhookClientConfig ClientConfig(Uri webhook, string path, byte[] caBundle) =>
        new() { Url = new Uri(webhook, path.TrimStart('/')).ToString(), CaBundle = caBundle };

    private static V1RuleWithOperations PodsRule(string resource) =>
        new() { ApiGroups = [""], ApiVersions = ["v1"], Operations = ["CREATE"], Resources = [resource], Scope = "Namespaced" };

    private static V1LabelSelector OptedInNamespaces() => new()
    {
        MatchExpressions = [new V1LabelSelectorRequirement { Key = Labels.Migrate, OperatorProperty = "In", Values = [Labels.NamespaceAllPods, Labels.NamespaceOptIn] }],
    };

    public async Task<DrainResult> DrainAsync(string node, DrainOptions options, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await client.CoreV1.PatchNodeAsync(new V1Patch("{\"spec\":{\"unschedulable\":true}}", V1Patch.PatchType.MergePatch), node, cancellationToken: cancellationToken).ConfigureAwait(false);
        say($"node/{node} cordoned");
        var pods = (await client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: $"spec.nodeName={node}", cancellationToken: cancellationToken).ConfigureAwait(false)).Items;
        var toEvict = pods.Where(p => !IsDaemonSetPod(p)).ToList();
        SayWarnings(pods);

        // One deadline for everything, as drain's context.WithTimeout: a pod still denied when it passes fails the drain.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        var outcomes = await Task.WhenAll(toEvict.Select(p => EvictAndWaitAsync(p, options, deadline.Token))).ConfigureAwait(false);
        var errors = outcomes.OfType<string>().ToList();
        SayResult(node, errors);
        return new DrainResult(errors, clock.Elapsed);
    }

    public static bool IsDaemonSetPod(V1Pod pod) => pod.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Kind == "DaemonSet") == true;

    /// <summary>One pod's eviction loop and wait for deletion (pkg/drain evictPods); returns kubectl's error, or null when the pod is gone.</summary>
    private async Task<string?> EvictAndWaitAsync(V1Pod pod, DrainOptions options, CancellationToken deadline)
    {
        var (ns, name) = (pod.Metadata.NamespaceProperty, pod.Metadata.Name);
        while (true)
        {
            say($"evicting pod {ns}/{name}");
            if (deadline.IsCancellationRequested)
            {
                return $"error when evicting pods/\"{name}\" -n \"{ns}\": global timeout reached: {SimulateSettings.FormatDuration(options.Timeout)}";
            }

            observer.Attempting(pod);
            try
            {
                await client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction(ns, name), name, ns, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                observer.Evicted(pod);
                break;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                observer.Gone(pod);
                return null;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var message = MessageOf(e);
                observer.Denied(pod, message);
                say($"error when evicting pods/\"{name}\" -n \"{ns}\" (will retry after {SimulateSettings.FormatDuration(options.RetryInterval)}): {message}");
                // As kubectl's time.Sleep: the deadline is checked at the top of the next round, after "evicting pod".
                await Task.Delay(options.RetryInterval, CancellationToken.None).ConfigureAwait(false);
            }
            catch (HttpOperationException e)
            {
                return $"error when evicting pods/\"{name}\" -n \"{ns}\": {MessageOf(e)}";
            }
        }

        return await WaitForDeleteAsync(pod, options, deadline).ConfigureAwait(false);
    }

    /// <summary>pkg/drain waitForDelete: gone means 404, or a pod of the same name with another UID (a StatefulSet's new pod).</summary>
    private async Task<string?> WaitForDeleteAsync(V1Pod pod, DrainOptions options, CancellationToken deadline)
    {
        var (ns, name) = (pod.Metadata.NamespaceProperty, pod.Metadata.Name);
        while (!deadline.IsCancellationRequested)
        {
            var current = (await client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: $"metadata.name={name}", cancellationToken: CancellationToken.None).ConfigureAwait(false)).Items;
            if (current.All(p => p.Metadata.Uid != pod.Metadata.Uid))
            {
                observer.Gone(pod);
                say($"pod/{name} evicted");
                return null;
            }

            await Task.Delay(options.DeletePollInterval, CancellationToken.None).ConfigureAwait(false);
        }

        return $"error when waiting for pod \"{name}\" in namespace \"{ns}\" to terminate: global timeout reached: {SimulateSettings.FormatDuration(options.Timeout)}";
    }

    /// <summary>kubectl's filter warnings, one line joined by "; ": pods without a controller (deleted: --force) and DaemonSet pods (left alone).</summary>
    private void SayWarnings(IList<V1Pod> pods)
    {
        static string Names(IEnumerable<V1Pod> some) => string.Join(", ", some.Select(p => $"{p.Metadata.NamespaceProperty}/{p.Metadata.Name}"));
        var bare = pods.Where(p => p.Metadata.OwnerReferences?.Any(o => o.Controller == true) != true).ToList();
        var daemonSetPods = pods.Where(IsDaemonSetPod).ToList();
        List<string> warnings = [];
        if (bare.Count > 0)
        {
            warnings.Add($"deleting Pods that declare no controller: {Names(bare)}");
        }

        if (daemonSetPods.Count > 0)
        {
            warnings.Add($"ignoring DaemonSet-managed Pods: {Names(daemonSetPods)}");
        }

        if (warnings.Count > 0)
        {
            say($"Warning: {string.Join("; ", warnings)}");
        }
    }

    private void SayResult(string node, List<string> errors)
    {
        if (errors.Count == 0)
        {
            say($"node/{node} drained");
            return;
        }

        // utilerrors.NewAggregate prints one error bare and several in brackets.
        var aggregate = errors.Count == 1 ? errors[0] : $"[{string.Join(", ", errors)}]";
        say($"error: unable to drain node \"{node}\" due to error: {aggregate}, continuing command...");
        say("There are pending nodes to be drained:");
        say($" {node}");
        say($"error: {aggregate}");
    }

    private static V1Eviction Eviction(string ns, string pod) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "Eviction",
        Metadata = new V1ObjectMeta { Name = pod, NamespaceProperty = ns },
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
