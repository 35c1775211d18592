using System.Text.Json.Nodes;
using Interceptor.Api;
using k8s.Models;

namespace Interceptor.Migration;

/// <summary>
/// The merge patch that records an operator's release of a blocked eviction on the pod itself: the pod is the one
/// durable place that lives exactly as long as the release should (a new incarnation starts without it).
/// </summary>
public static class PodReleasePatch
{
    /// <param name="migrationName">The deleted PodMigration: the value says which release this was.</param>
    public static string For(V1Pod source, string migrationName) => new JsonObject
    {
        ["metadata"] = new JsonObject
        {
            // The UID pins the patch to this incarnation: a pod recreated under the name in between is not released.
            ["uid"] = source.Metadata.Uid,
            ["annotations"] = new JsonObject { [Annotations.Release] = migrationName },
        },
    }.ToJsonString();
}
