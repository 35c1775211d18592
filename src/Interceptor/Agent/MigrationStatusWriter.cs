using System.Text.Json.Nodes;
using Interceptor.Api;
using Interceptor.Kube;
using k8s;
using k8s.Models;

namespace Interceptor.Agent;

/// <summary>
/// Writes the agent's part of a PodMigration's status through the status subresource: read the object, apply a change
/// to it, and PATCH only the owned fields that changed (<see cref="OwnedStatusPatch"/>), never the whole status. The
/// ValidatingAdmissionPolicy in manifests/agent lets an agent write only migrations leaving its own node.
/// </summary>
public sealed class MigrationStatusWriter(IKubernetes client, PodMigrationClient migrations)
{
    private const int MaxAttempts = 8;

    /// <returns>False when the object is gone or <paramref name="change"/> found nothing to write.</returns>
    public async Task<bool> UpdateAsync(MigrationKey key, Func<PodMigration, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return false;
            }

            var before = StatusOf(current);
            if (!change(current) || OwnedStatusPatch.Between(before, StatusOf(current)) is not { } patch)
            {
                return false;
            }

            try
            {
                await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                    new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), PodMigration.Group, PodMigration.Version,
                    key.Namespace, PodMigration.Plural, key.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (IsStale(e) && attempt < MaxAttempts)
            {
                // A test operation failed (422) or the object moved under the write (409): read again and re-apply.
            }
        }
    }

    /// <summary>The object as the API server has it now, or null when it was deleted.</summary>
    public Task<PodMigration?> GetAsync(MigrationKey key, CancellationToken cancellationToken) =>
        migrations.GetAsync(key.Namespace, key.Name, cancellationToken);

    private static JsonObject? StatusOf(PodMigration migration) =>
        migration.Status is null ? null : JsonNode.Parse(KubernetesJson.Serialize(migration.Status)) as JsonObject;

    /// <summary>
    /// A JSON patch whose test fails is a generic 422; one refused by schema validation is a 422 too and fails every
    /// time, so the bounded loop gives up on it with the last error.
    /// </summary>
    private static bool IsStale(Exception e) =>
        KubeErrors.IsAlreadyExists(e) || e is k8s.Autorest.HttpOperationException { Response.StatusCode: System.Net.HttpStatusCode.UnprocessableEntity };
}
