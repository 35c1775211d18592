using Interceptor.Api;
using Interceptor.Options;
using Interceptor.Testing;
using Microsoft.Extensions.Configuration;
using Xunit;
using k8s;
using k8s.Models;

namespace Interceptor.Tests.Agent;

/// <summary>
/// manifests/agent (and its shared-volume component) parses strictly and agrees with the code: options, paths,
/// least-privilege RBAC, the CRD's selectable field.
/// </summary>
public sealed class AgentManifestTests
{
    // Each model names its own group, version and kind; the strict loader keys them as "group/version/Kind".
    private static readonly Dictionary<string, Type> Kinds = new[]
    {
        typeof(V1ServiceAccount), typeof(V1PersistentVolumeClaim), typeof(V1DaemonSet), typeof(V1ConfigMap),
        typeof(V1ClusterRole), typeof(V1ClusterRoleBinding), typeof(V1CustomResourceDefinition), typeof(V1Namespace),
    }.ToDictionary(KindKey);

    private static readonly Lazy<IReadOnlyList<object>> Objects = new(() =>
        Load(Directory.GetFiles(RepoPaths.Of("manifests/agent"), "*.yaml").Append(RepoPaths.Of("manifests/crds/podmigrations.interceptor.dev.yaml"))));

    // The shared-volume component: its claim and the patches it lays over the base.
    private static readonly Lazy<IReadOnlyList<object>> SharedVolume = new(() => Load(Directory.GetFiles(RepoPaths.Of("manifests/agent/shared-volume"), "*.yaml")));

    private static List<object> Load(IEnumerable<string> files) =>
        [.. files.Where(f => Path.GetFileName(f) != "kustomization.yaml").SelectMany(f => KubernetesYaml.LoadAllFromString(File.ReadAllText(f), Kinds, strict: true))];

    private static string KindKey(Type model)
    {
        var entity = model.GetCustomAttributes(typeof(KubernetesEntityAttribute), false).Cast<KubernetesEntityAttribute>().Single();
        return string.IsNullOrEmpty(entity.Group) ? $"{entity.ApiVersion}/{entity.Kind}" : $"{entity.Group}/{entity.ApiVersion}/{entity.Kind}";
    }

    private static V1Container Agent => Assert.Single(Assert.Single(Objects.Value.OfType<V1DaemonSet>()).Spec.Template.Spec.Containers);

    [Fact]
    public void The_agent_may_checkpoint_read_migrations_write_their_status_and_record_events_and_nothing_else()
    {
        var rules = Assert.Single(Objects.Value.OfType<V1ClusterRole>()).Rules
            .SelectMany(r => r.Resources.SelectMany(res => r.Verbs.Select(v => $"{r.ApiGroups.Single()}/{res}:{v}")))
            .Order();

        Assert.Equal(
            new[]
            {
                "/events:create", "/nodes/checkpoint:create",
                "interceptor.dev/podmigrations/status:patch", "interceptor.dev/podmigrations/status:update",
                "interceptor.dev/podmigrations:get", "interceptor.dev/podmigrations:list", "interceptor.dev/podmigrations:watch",
            }.Order(),
            rules);
        var binding = Assert.Single(Objects.Value.OfType<V1ClusterRoleBinding>());
        var account = Assert.Single(Objects.Value.OfType<V1ServiceAccount>()).Metadata;
        Assert.Equal((account.Name, account.NamespaceProperty), (Assert.Single(binding.Subjects).Name, Assert.Single(binding.Subjects).NamespaceProperty));
    }

    [Fact]
    public void The_agent_has_its_own_privileged_namespace_and_everything_of_it_lives_there()
    {
        var ns = Assert.Single(Objects.Value.OfType<V1Namespace>());
        var namespaced = Objects.Value.Concat(SharedVolume.Value).OfType<IKubernetesObject<V1ObjectMeta>>()
            .Where(o => o is not (V1Namespace or V1ClusterRole or V1ClusterRoleBinding or V1CustomResourceDefinition
                or V1ValidatingAdmissionPolicy or V1ValidatingAdmissionPolicyBinding));

        Assert.Equal("interceptor-node", ns.Metadata.Name);
        // Cluster-scoped objects (RBAC roles, the node-bound admission policy) have no namespace.
        // hostPath is refused by baseline already, so privileged it is; warn and audit agree so applying is quiet.
        foreach (var mode in new[] { "enforce", "warn", "audit" })
        {
            Assert.Equal("privileged", ns.Metadata.Labels[$"pod-security.kubernetes.io/{mode}"]);
        }
        Assert.All(namespaced, o => Assert.Equal(ns.Metadata.Name, o.Metadata.NamespaceProperty));
        Assert.NotEqual("interceptor-system", ns.Metadata.Name);
    }

    [Fact]
    public void The_agent_takes_root_file_access_and_nothing_else_a_privileged_namespace_would_allow()
    {
        var pod = Assert.Single(Objects.Value.OfType<V1DaemonSet>()).Spec.Template.Spec;

        Assert.Equal(0, Agent.SecurityContext.RunAsUser);
        Assert.NotEqual(true, Agent.SecurityContext.Privileged);
        Assert.NotEqual(true, pod.HostPID);
        Assert.NotEqual(true, pod.HostIPC);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.All(pod.Containers.SelectMany(c => c.Ports ?? []), p => Assert.Null(p.HostPort));
        Assert.Equal(["hostPath", "secret", "emptyDir"],
            pod.Volumes.Select(v => v.HostPath is not null ? "hostPath" : v.Secret is not null ? "secret" : v.EmptyDir is not null ? "emptyDir" : "other"));
    }

    /// <summary>
    /// The settings the DaemonSet gives the agent: the ConfigMap it reads (envFrom), then its own env over them, as the
    /// kubelet does; the downward-API values as the node would fill them; <paramref name="operatorSettings"/> on top.
    /// </summary>
    private static (InterceptorOptions Options, FluentValidation.Results.ValidationResult Result) Configure(V1ConfigMap configMap, Dictionary<string, string?> operatorSettings)
    {
        Assert.Equal(configMap.Metadata.Name, Assert.Single(Agent.EnvFrom).ConfigMapRef.Name);
        var settings = configMap.Data.ToDictionary(d => d.Key, d => (string?)d.Value);
        foreach (var variable in Agent.Env.Where(e => e.Value is not null))
        {
            settings[variable.Name] = variable.Value;
        }

        settings = settings.ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => e.Value);
        settings["Interceptor:Role"] = Assert.Single(Agent.Args.SkipWhile(a => a != "--role").Skip(1).Take(1));
        settings["Interceptor:Agent:NodeName"] = "node-a";
        settings["Interceptor:Agent:NodeIp"] = "10.0.0.7";
        settings["Interceptor:Agent:KubeletCertificateAuthorityPath"] = null;
        foreach (var (key, value) in operatorSettings)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = configuration.GetSection(InterceptorOptions.Section).Get<InterceptorOptions>(b => b.ErrorOnUnknownConfiguration = true)!;
        return (options, new InterceptorOptionsValidator().Validate(options));
    }

    private static V1ConfigMap BaseConfigMap => Assert.Single(Objects.Value.OfType<V1ConfigMap>());

    [Fact]
    public void The_DaemonSet_pushes_to_a_registry_by_default_and_starts_once_the_operator_names_it()
    {
        var (options, result) = Configure(BaseConfigMap, new() { ["Interceptor:Agent:Registry:Endpoint"] = "https://127.0.0.1:5000" });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(InterceptorRoles.Agent, options.Role);
        Assert.Equal(("registry", AgentRegistryOptions.DefaultRepository), (options.Agent.Transport, options.Agent.Registry.Repository));
        Assert.Contains(Agent.Env, e => e.Name == "NODE_NAME" && e.ValueFrom.FieldRef.FieldPath == "spec.nodeName");
        Assert.Contains(Agent.Env, e => e.Name == "NODE_IP" && e.ValueFrom.FieldRef.FieldPath == "status.hostIP");
    }

    [Fact]
    public void Without_a_registry_endpoint_the_agent_refuses_to_start_and_says_which_setting_is_missing()
    {
        var (_, result) = Configure(BaseConfigMap, []);

        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains("Agent.Registry.Endpoint must be set", StringComparison.Ordinal));
    }

    [Fact]
    public void Registry_credentials_and_CA_come_from_an_optional_Secret_mounted_read_only()
    {
        var pod = Assert.Single(Objects.Value.OfType<V1DaemonSet>()).Spec.Template.Spec;
        var secret = Assert.Single(pod.Volumes, v => v.Secret is not null);

        Assert.Equal(("interceptor-agent-registry", true), (secret.Secret.SecretName, secret.Secret.Optional));
        Assert.Contains(Agent.VolumeMounts, m => m.Name == secret.Name && m.ReadOnlyProperty == true);
        Assert.DoesNotContain(BaseConfigMap.Data.Keys, k => k.EndsWith("Password", StringComparison.Ordinal) || k.EndsWith("Username", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shared_volume_component_switches_the_transport_and_mounts_its_claim_where_the_options_point()
    {
        var patch = Assert.Single(SharedVolume.Value.OfType<V1ConfigMap>());
        var merged = new V1ConfigMap { Metadata = BaseConfigMap.Metadata, Data = BaseConfigMap.Data.Concat(patch.Data).GroupBy(d => d.Key).ToDictionary(g => g.Key, g => g.Last().Value) };
        var claim = Assert.Single(SharedVolume.Value.OfType<V1PersistentVolumeClaim>());
        var pod = Assert.Single(SharedVolume.Value.OfType<V1DaemonSet>()).Spec.Template.Spec;

        var (options, result) = Configure(merged, []);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal("shared-volume", options.Agent.Transport);
        var volume = Assert.Single(pod.Volumes);
        Assert.Equal(claim.Metadata.Name, volume.PersistentVolumeClaim.ClaimName);
        Assert.Contains(Assert.Single(pod.Containers).VolumeMounts, m => m.Name == volume.Name && m.MountPath == options.Agent.SharedVolumePath);
        Assert.Equal(Agent.Name, Assert.Single(pod.Containers).Name);
        Assert.Equal(["ReadWriteMany"], claim.Spec.AccessModes);
    }

    [Fact]
    public void The_DaemonSet_mounts_only_the_kubelets_checkpoint_directory_from_the_host()
    {
        var pod = Assert.Single(Objects.Value.OfType<V1DaemonSet>()).Spec.Template.Spec;
        var defaults = new AgentOptions();
        var hostPath = Assert.Single(pod.Volumes, v => v.HostPath is not null);

        Assert.Equal(defaults.KubeletCheckpointDirectory, hostPath.HostPath.Path);
        Assert.Contains(Agent.VolumeMounts, m => m.Name == hostPath.Name && m.MountPath == defaults.KubeletCheckpointDirectory);
        Assert.DoesNotContain(pod.Volumes, v => v.PersistentVolumeClaim is not null);
        Assert.True(Agent.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(Agent.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(["DAC_OVERRIDE"], Agent.SecurityContext.Capabilities.Add);
        Assert.Equal(["ALL"], Agent.SecurityContext.Capabilities.Drop);
        Assert.NotEqual(true, pod.HostNetwork);
        Assert.Equal("/readyz", Agent.ReadinessProbe.HttpGet.Path);
    }

    [Fact]
    public void The_CRD_lets_the_agent_select_by_source_node_and_declares_every_checkpoint_field()
    {
        var version = Assert.Single(Assert.Single(Objects.Value.OfType<V1CustomResourceDefinition>()).Spec.Versions);
        // The YAML loader leaves a schema's items untyped.
        var items = Assert.IsAssignableFrom<IDictionary<object, object>>(version.Schema.OpenAPIV3Schema.Properties["status"].Properties["checkpoints"].Items);
        var declared = Assert.IsAssignableFrom<IDictionary<object, object>>(items["properties"]).Keys.Cast<string>().Order();
        var known = typeof(ContainerCheckpoint).GetProperties()
            .Select(p => p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false).Cast<System.Text.Json.Serialization.JsonPropertyNameAttribute>().Single().Name)
            .Order();

        Assert.Equal(".spec.sourceNode", Assert.Single(version.SelectableFields).JsonPath);
        Assert.Equal(known, declared);
    }
}
