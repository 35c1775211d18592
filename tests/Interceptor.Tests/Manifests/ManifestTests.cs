using Interceptor.Admission;
using Interceptor.Api;
using Interceptor.Options;
using Interceptor.Testing;
using Xunit;
using k8s;
using k8s.Models;

namespace Interceptor.Tests.Manifests;

/// <summary>
/// The shipped manifests parse strictly with the Kubernetes API models (an unknown or misspelt field fails), and
/// agree with the code: paths, ports, labels, the webhook's safety settings, the CRD's names and phases.
/// </summary>
public sealed class ManifestTests
{
    private static readonly Dictionary<string, Type> Kinds = new()
    {
        ["v1/Namespace"] = typeof(V1Namespace),
        ["v1/ServiceAccount"] = typeof(V1ServiceAccount),
        ["v1/Service"] = typeof(V1Service),
        ["apps/v1/Deployment"] = typeof(V1Deployment),
        ["policy/v1/PodDisruptionBudget"] = typeof(V1PodDisruptionBudget),
        ["rbac.authorization.k8s.io/v1/ClusterRole"] = typeof(V1ClusterRole),
        ["rbac.authorization.k8s.io/v1/ClusterRoleBinding"] = typeof(V1ClusterRoleBinding),
        ["rbac.authorization.k8s.io/v1/Role"] = typeof(V1Role),
        ["rbac.authorization.k8s.io/v1/RoleBinding"] = typeof(V1RoleBinding),
        ["admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration"] = typeof(V1ValidatingWebhookConfiguration),
        ["admissionregistration.k8s.io/v1/MutatingWebhookConfiguration"] = typeof(V1MutatingWebhookConfiguration),
        ["apiextensions.k8s.io/v1/CustomResourceDefinition"] = typeof(V1CustomResourceDefinition),
    };

    private static readonly Lazy<IReadOnlyList<object>> Objects = new(() =>
        [.. Directory.GetFiles(RepoPaths.Of("manifests"), "*.yaml")
            .Concat(Directory.GetFiles(RepoPaths.Of("manifests/crds"), "*.yaml"))
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(f => KubernetesYaml.LoadAllFromString(File.ReadAllText(f), Kinds, strict: true))]);

    private static T Single<T>() => Assert.Single(Objects.Value.OfType<T>());

    [Fact]
    public void Every_base_manifest_parses_strictly_as_its_kind() =>
        Assert.True(Objects.Value.Count >= 10, $"only {Objects.Value.Count} objects");

    [Fact]
    public void The_core_namespace_enforces_warns_and_audits_restricted_and_the_core_leaves_the_agent_out()
    {
        var labels = Single<V1Namespace>().Metadata.Labels;
        var resources = File.ReadAllLines(RepoPaths.Of("manifests/kustomization.yaml"))
            .SkipWhile(l => l != "resources:").Skip(1).TakeWhile(l => l.StartsWith("  - ", StringComparison.Ordinal))
            .Select(l => l[4..].Trim());

        Assert.Equal("interceptor-system", Single<V1Namespace>().Metadata.Name);
        foreach (var mode in new[] { "enforce", "warn", "audit" })
        {
            Assert.Equal("restricted", labels[$"pod-security.kubernetes.io/{mode}"]);
        }
        // The agent is the explicit second step (manifests/agent): it crash-loops until a registry is set.
        Assert.DoesNotContain(resources, r => r.StartsWith("agent", StringComparison.Ordinal));
        Assert.Contains("deployment.yaml", resources);
    }

    [Fact]
    public void The_eviction_webhook_is_safe_for_drains_and_points_at_the_endpoint()
    {
        var webhook = Assert.Single(Single<V1ValidatingWebhookConfiguration>().Webhooks);

        Assert.Equal("Ignore", webhook.FailurePolicy);
        Assert.Equal("NoneOnDryRun", webhook.SideEffects);
        Assert.InRange(webhook.TimeoutSeconds ?? 10, 2, 3);
        Assert.Equal(EvictionAdmissionEndpoint.Path, webhook.ClientConfig.Service.Path);
        var rule = Assert.Single(webhook.Rules);
        Assert.Equal(["pods/eviction"], rule.Resources);
        Assert.Equal(["CREATE"], rule.Operations);
        var selector = Assert.Single(webhook.NamespaceSelector.MatchExpressions);
        Assert.Equal(Labels.Migrate, selector.Key);
        Assert.Equal(new[] { Labels.NamespaceAllPods, Labels.NamespaceOptIn }.Order(), selector.Values.Order());
    }

    [Fact]
    public void The_pod_mutating_webhook_never_blocks_a_create_and_sees_what_the_eviction_webhook_sees()
    {
        var configuration = Single<V1MutatingWebhookConfiguration>();
        var webhook = Assert.Single(configuration.Webhooks);
        var eviction = Assert.Single(Single<V1ValidatingWebhookConfiguration>().Webhooks);

        Assert.Equal("interceptor-pods", configuration.Metadata.Name);
        Assert.Equal("pods.interceptor.dev", webhook.Name);
        Assert.Equal(("Ignore", "None", "Never", "Equivalent", 3), (webhook.FailurePolicy, webhook.SideEffects, webhook.ReinvocationPolicy, webhook.MatchPolicy, webhook.TimeoutSeconds));
        Assert.Equal(["v1"], webhook.AdmissionReviewVersions);
        Assert.Equal(PodAdmissionEndpoint.Path, webhook.ClientConfig.Service.Path);
        Assert.Equal((eviction.ClientConfig.Service.Name, eviction.ClientConfig.Service.NamespaceProperty, eviction.ClientConfig.Service.Port),
            (webhook.ClientConfig.Service.Name, webhook.ClientConfig.Service.NamespaceProperty, webhook.ClientConfig.Service.Port));
        Assert.Null(webhook.ClientConfig.CaBundle);
        Assert.Equal(Single<V1ValidatingWebhookConfiguration>().Metadata.Annotations["cert-manager.io/inject-ca-from"],
            configuration.Metadata.Annotations["cert-manager.io/inject-ca-from"]);
        var rule = Assert.Single(webhook.Rules);
        Assert.Equal("pods CREATE v1 core", $"{string.Join(',', rule.Resources)} {string.Join(',', rule.Operations)} {string.Join(',', rule.ApiVersions)} {(rule.ApiGroups.Single() == "" ? "core" : "?")}");
        Assert.Equal(KubernetesJson.Serialize(eviction.NamespaceSelector), KubernetesJson.Serialize(webhook.NamespaceSelector));
        var optedOut = Assert.Single(webhook.ObjectSelector.MatchExpressions);
        Assert.Equal((Labels.Migrate, "NotIn", Labels.PodOptedOut), (optedOut.Key, optedOut.OperatorProperty, Assert.Single(optedOut.Values)));
    }

    [Fact]
    public void The_controller_may_do_what_a_migration_needs_and_no_more()
    {
        var role = Assert.Single(Objects.Value.OfType<V1ClusterRole>(), r => r.Metadata.Name == "interceptor-controller");
        string[] Verbs(string group, string resource) =>
            [.. role.Rules.Where(r => r.ApiGroups.Contains(group) && r.Resources.Contains(resource)).SelectMany(r => r.Verbs).Order()];

        Assert.Equal(["create", "delete", "get", "list", "patch", "watch"], Verbs("", "pods"));
        Assert.Equal(["patch", "update"], Verbs("", "pods/status"));
        Assert.Equal(["get", "list", "watch"], Verbs("", "nodes"));
        Assert.Equal(["get", "list", "watch"], Verbs("apps", "replicasets"));
        Assert.Equal(["create", "delete", "get", "list", "patch", "update", "watch"], Verbs(PodMigration.Group, PodMigration.Plural));
        Assert.Equal(["get", "patch", "update"], Verbs(PodMigration.Group, PodMigration.Plural + "/status"));
        Assert.Equal(["update"], Verbs(PodMigration.Group, PodMigration.Plural + "/finalizers"));
        Assert.Equal(["create", "patch"], Verbs("", "events"));
        Assert.DoesNotContain(role.Rules, r => r.Verbs.Contains("*") || r.Resources.Contains("*") || r.Resources.Contains("secrets"));
        Assert.Contains(Objects.Value.OfType<V1ClusterRoleBinding>(), b => b.RoleRef.Name == role.Metadata.Name
            && b.Subjects.Any(s => s is { Kind: "ServiceAccount", Name: "interceptor", NamespaceProperty: "interceptor-system" }));
    }

    [Fact]
    public void Leader_election_leases_are_granted_in_the_interceptor_namespace_only()
    {
        var role = Assert.Single(Objects.Value.OfType<V1Role>(), r => r.Rules.Any(rule => rule.Resources.Contains("leases")));
        var rule = Assert.Single(role.Rules);

        Assert.Equal("interceptor-system", role.Metadata.NamespaceProperty);
        Assert.Equal("coordination.k8s.io", Assert.Single(rule.ApiGroups));
        Assert.Equal(["create", "get", "update"], rule.Verbs.Order());
        Assert.DoesNotContain(Objects.Value.OfType<V1ClusterRole>(), r => r.Rules.Any(rule => rule.Resources.Contains("leases")));
        Assert.Contains(Objects.Value.OfType<V1RoleBinding>(), b => b.RoleRef.Name == role.Metadata.Name && b.Metadata.NamespaceProperty == "interceptor-system");
    }

    [Fact]
    public void The_CRD_matches_the_PodMigration_type_and_its_phases()
    {
        var crd = Single<V1CustomResourceDefinition>();
        var version = Assert.Single(crd.Spec.Versions);
        var declared = version.Schema.OpenAPIV3Schema.Properties["status"].Properties["phase"].EnumProperty.Select(p => p.ToString()).Order();
        var known = typeof(MigrationPhases).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order();

        Assert.Equal($"{PodMigration.Plural}.{PodMigration.Group}", crd.Metadata.Name);
        Assert.Equal(PodMigration.Version, version.Name);
        Assert.Equal(PodMigration.KubeKind, crd.Spec.Names.Kind);
        Assert.NotNull(version.Subresources.Status);
        Assert.Equal(known, declared);
    }

    [Fact]
    public void The_Deployment_serves_where_the_options_and_probes_expect()
    {
        var defaults = new InterceptorOptions();
        var container = Assert.Single(Single<V1Deployment>().Spec.Template.Spec.Containers);

        Assert.Contains(container.Ports, p => p.ContainerPort == defaults.Webhook.Port);
        Assert.Contains(container.Ports, p => p.ContainerPort == defaults.Health.Port);
        Assert.Contains(container.VolumeMounts, m => m.MountPath == defaults.Webhook.CertificateDirectory && m.ReadOnlyProperty == true);
        Assert.Equal("/readyz", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/healthz", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("metadata.name", container.Env.Single(e => e.Name == "POD_NAME").ValueFrom.FieldRef.FieldPath);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.All(container.Env.Where(e => e.Name.StartsWith("Interceptor__", StringComparison.Ordinal)), e =>
            Assert.True(OptionExists(e.Name), $"{e.Name} names no option"));
    }

    // Interceptor__Webhook__Port -> InterceptorOptions.Webhook.Port
    private static bool OptionExists(string variable)
    {
        var type = typeof(InterceptorOptions);
        foreach (var part in variable.Split("__").Skip(1))
        {
            var property = type.GetProperty(part);
            if (property is null)
            {
                return false;
            }

            type = property.PropertyType;
        }

        return true;
    }
}
