using System.Text.Json.Nodes;
using Interceptor.Simulator.Admission;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// A reduced deployment controller (pkg/controller/deployment): claims ReplicaSets by selector, keeps one
/// ReplicaSet per pod template (<c>{deployment}-{pod-template-hash}</c>, the hash in its selector, labels and
/// template), scales it to spec.replicas and every older one to 0 at once, and sums their status.
/// </summary>
/// <remarks>
/// Not simulated: the rolling update's maxSurge/maxUnavailable pacing (both strategies behave like Recreate
/// without waiting for old pods to go), revision annotations and history limits, rollback, pause,
/// progressDeadlineSeconds and the Progressing/Available conditions, hash collisions (collisionCount).
/// </remarks>
internal sealed class DeploymentController(FakeObjectStore store, CreateAdmission admission, TimeProvider clock, ILogger logger)
    : WorkloadController(store, clock, logger, Deployments, ReplicaSets)
{
    private static ResourceType Deployments => BuiltinResources.Deployments;

    private static ResourceType ReplicaSets => BuiltinResources.ReplicaSets;

    protected override async Task SyncOwnedAsync(JsonObject deployment, List<JsonObject> owned, CancellationToken ct)
    {
        if (PodConditions.IsTerminating(deployment))
        {
            return;
        }
        var template = deployment["spec"]?["template"] as JsonObject;
        var current = owned.FirstOrDefault(rs => PodTemplateHash.EqualIgnoringHash(rs["spec"]?["template"] as JsonObject, template))
            ?? await CreateReplicaSetAsync(deployment, template, ct);
        var replicas = JsonNumbers.Long(deployment["spec"], "replicas");
        Scale(current, replicas);
        foreach (var old in owned.Where(rs => Meta.Uid(rs) != Meta.Uid(current)))
        {
            Scale(old, 0);
        }
        WorkloadStatus.Write(Store, Deployments, deployment, status => WriteStatus(status, deployment, owned, current, replicas));
    }

    /// <summary>The new ReplicaSet: the template with its hash label, selected by the Deployment's selector plus the hash.</summary>
    private async Task<JsonObject> CreateReplicaSetAsync(JsonObject deployment, JsonObject? template, CancellationToken ct)
    {
        var hash = PodTemplateHash.Compute(template);
        var podTemplate = template?.DeepClone().AsObject() ?? [];
        var templateLabels = WithHash(Meta.Of(podTemplate)["labels"] as JsonObject, hash);
        Meta.Of(podTemplate)["labels"] = templateLabels;
        var selector = deployment["spec"]!["selector"]!.DeepClone().AsObject();
        selector["matchLabels"] = WithHash(selector["matchLabels"] as JsonObject, hash);
        var rs = new JsonObject
        {
            ["apiVersion"] = ReplicaSets.ApiVersion,
            ["kind"] = ReplicaSets.Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{Meta.Name(deployment)}-{hash}",
                ["namespace"] = Meta.Namespace(deployment),
                ["labels"] = templateLabels.DeepClone(),
                ["ownerReferences"] = new JsonArray(OwnerReferences.NewControllerRef(deployment, Deployments)),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["minReadySeconds"] = JsonNumbers.Long(deployment["spec"], "minReadySeconds"),
                ["selector"] = selector,
                ["template"] = podTemplate,
            },
        };
        return await admission.CreateAsync(ReplicaSets, rs, Meta.Namespace(deployment), ControllerUsers.Deployment, ct);
    }

    private static JsonObject WithHash(JsonObject? labels, string hash)
    {
        var copy = labels?.DeepClone().AsObject() ?? [];
        copy[PodTemplateHash.Label] = hash;
        return copy;
    }

    private void Scale(JsonObject rs, long replicas)
    {
        if (JsonNumbers.Long(rs["spec"], "replicas") == replicas)
        {
            return;
        }
        try
        {
            Store.Modify(ReplicaSets, Meta.Namespace(rs), Meta.Name(rs)!, current =>
            {
                current["spec"]!["replicas"] = replicas;
                return current;
            }, UpdateScope.Main);
        }
        catch (ApiStatusException e) when (e.Code == 404)
        {
            // Deleted meanwhile; the resulting event brings a new sync.
        }
    }

    private static void WriteStatus(JsonObject status, JsonObject deployment, List<JsonObject> owned, JsonObject current, long replicas)
    {
        long Sum(string field) => owned.Sum(rs => JsonNumbers.Long(rs["status"], field));
        var available = Sum("availableReplicas");
        status["observedGeneration"] = Meta.Generation(deployment);
        status["replicas"] = Sum("replicas");
        status["updatedReplicas"] = JsonNumbers.Long(current["status"], "replicas");
        status["readyReplicas"] = Sum("readyReplicas");
        status["availableReplicas"] = available;
        status["unavailableReplicas"] = Math.Max(replicas - available, 0);
    }
}
