using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Interceptor.Api;

/// <summary>
/// The durable record of one pod's migration (<c>interceptor.dev/v1alpha1</c>, namespaced, status subresource).
/// Every trigger (eviction webhook, KEP-4563 responder, a user) creates one, keyed by the pod UID, and the
/// controller resumes from it after any crash. The CRD lives in manifests/crds.
/// </summary>
public sealed class PodMigration : IKubernetesObject<V1ObjectMeta>, ISpec<PodMigrationSpec>, IStatus<PodMigrationStatus?>
{
    public const string Group = "interceptor.dev";
    public const string Version = "v1alpha1";
    public const string Plural = "podmigrations";
    public const string KubeKind = "PodMigration";
    public const string ApiGroupVersion = Group + "/" + Version;

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiGroupVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public PodMigrationSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public PodMigrationStatus? Status { get; set; }
}

/// <summary>List type for LIST and WATCH of <see cref="PodMigration"/>.</summary>
public sealed class PodMigrationList : IKubernetesObject<V1ListMeta>, IItems<PodMigration>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = PodMigration.ApiGroupVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = PodMigration.KubeKind + "List";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<PodMigration> Items { get; set; } = [];
}
