using Interceptor.Api;
using Interceptor.Options;
using Interceptor.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Interceptor.Tests.Agent;

/// <summary>manifests/agent parses strictly and agrees with the code: options, paths, least-privilege RBAC, the CRD's selectable field.</summary>
public sealed class AgentManifestTests
{
    // Each model names its own group, version and kind; the strict loader keys them as "group/version/Kind".
    private static readonly Dictionary<string, Type> Kinds = new[]
    {
        typeof(V1ServiceAccount), typeof(V1PersistentVolumeClaim), typeof(V1DaemonSet),
        typeof(V1ClusterRole), typeof(V1ClusterRoleBinding), typeof(V1CustomResourceDefinition),
    }.ToDictionary(KindKey);

    private static readonly Lazy<IReadOnlyList<object>> Objects = new(() =>
        [.. Directory.GetFiles(RepoPaths.Of("manifests/agent"), "*.yaml").Append(RepoPaths.Of("manifests/crds/podmigrations.interceptor.dev.yaml"))
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(f => KubernetesYaml.LoadAllFromString(File.ReadAllText(f), Kinds, strict: true))]);

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
        Assert.Equal(Assert.Single(Objects.Value.OfType<V1ServiceAccount>()).Metadata.Name, Assert.Single(binding.Subjects).Name);
    }

    [Fact]
    public void The_DaemonSet_configuration_binds_to_existing_options_and_passes_validation()
    {
        var settings = Agent.Env.Where(e => e.Value is not null).ToDictionary(e => e.Name.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value);
        settings["Interceptor:Role"] = Assert.Single(Agent.Args.SkipWhile(a => a != "--role").Skip(1).Take(1));
        settings["Interceptor:Agent:NodeName"] = "node-a";
        settings["Interceptor:Agent:NodeIp"] = "10.0.0.7";
        settings["Interceptor:Agent:KubeletCertificateAuthorityPath"] = null;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var options = configuration.GetSection(InterceptorOptions.Section).Get<InterceptorOptions>(b => b.ErrorOnUnknownConfiguration = true)!;
        var result = new InterceptorOptionsValidator().Validate(options);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(InterceptorRoles.Agent, options.Role);
        Assert.Contains(Agent.Env, e => e.Name == "NODE_NAME" && e.ValueFrom.FieldRef.FieldPath == "spec.nodeName");
        Assert.Contains(Agent.Env, e => e.Name == "NODE_IP" && e.ValueFrom.FieldRef.FieldPath == "status.hostIP");
    }

    [Fact]
    public void The_DaemonSet_mounts_only_the_kubelets_checkpoint_directory_and_the_shared_volume_where_the_options_point()
    {
        var pod = Assert.Single(Objects.Value.OfType<V1DaemonSet>()).Spec.Template.Spec;
        var defaults = new AgentOptions();
        var hostPath = Assert.Single(pod.Volumes, v => v.HostPath is not null);
        var sharedVolume = Agent.Env.Single(e => e.Name == "Interceptor__Agent__SharedVolumePath").Value;

        Assert.Equal(defaults.KubeletCheckpointDirectory, hostPath.HostPath.Path);
        Assert.Contains(Agent.VolumeMounts, m => m.Name == hostPath.Name && m.MountPath == defaults.KubeletCheckpointDirectory);
        Assert.Contains(Agent.VolumeMounts, m => m.MountPath == sharedVolume && pod.Volumes.Single(v => v.Name == m.Name).PersistentVolumeClaim is not null);
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
