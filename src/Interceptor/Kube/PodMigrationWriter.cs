using Interceptor.Admission;
using Interceptor.Api;
using Interceptor.Diagnostics;
using k8s;
using k8s.Models;

namespace Interceptor.Kube;

/// <summary>
/// Creates the PodMigration for an intercepted eviction. Idempotent: the name is a function of the pod, so a
/// retry, a second webhook replica or a repeated drain finds the one already there and returns it instead.
/// </summary>
public sealed class PodMigrationWriter(IKubernetes client, ClusterCaches caches, InterceptorMetrics metrics)
{
    /// <summary>Returns null when this call created the migration, or the facts of the one that already existed.</summary>
    public async Task<MigrationFacts?> EnsureAsync(EvictionObservation observation, CancellationToken cancellationToken)
    {
        var migration = Build(observation);
        try
        {
            var created = await client.CustomObjects.CreateNamespacedCustomObjectAsync<PodMigration>(
                migration, PodMigration.Group, PodMigration.Version, observation.Review.Namespace, PodMigration.Plural,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            caches.Migrations.Remember(created);
            metrics.MigrationsCreated.WithLabels(MigrationTriggers.Eviction).Inc();
            return null;
        }
        catch (Exception e) when (KubeErrors.IsAlreadyExists(e))
        {
            var existing = await client.CustomObjects.GetNamespacedCustomObjectAsync<PodMigration>(
                PodMigration.Group, PodMigration.Version, observation.Review.Namespace, PodMigration.Plural,
                migration.Metadata.Name, cancellationToken).ConfigureAwait(false);
            caches.Migrations.Remember(existing);
            return MigrationFacts.From(existing);
        }
    }

    public static PodMigration Build(EvictionObservation observation)
    {
        var pod = observation.Pod!;
        return new PodMigration
        {
            Metadata = new V1ObjectMeta
            {
                Name = MigrationNames.For(pod.Name, pod.Uid),
                NamespaceProperty = pod.Namespace,
                Labels = new Dictionary<string, string>
                {
                    [Labels.PodUid] = pod.Uid,
                    [Labels.ManagedBy] = Labels.ManagedByValue,
                },
            },
            Spec = new PodMigrationSpec
            {
                PodName = pod.Name,
                PodUid = pod.Uid,
                SourceNode = pod.NodeName,
                Trigger = MigrationTriggers.Eviction,
                OnFailure = FailurePolicies.IsKnown(pod.OnFailureAnnotation) ? pod.OnFailureAnnotation! : observation.Policy.DefaultOnFailure,
                RequestedBy = observation.Review.RequestedBy,
            },
        };
    }
}
