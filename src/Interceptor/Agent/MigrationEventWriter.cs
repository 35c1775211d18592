using Interceptor.Kube;
using k8s;
using k8s.Models;

namespace Interceptor.Agent;

/// <summary>
/// Records core/v1 Events on a PodMigration. The agent is off any latency-critical path, so it writes inline;
/// an Event is a courtesy to the operator, so a failure is logged and never fails the checkpoint.
/// </summary>
public sealed class MigrationEventWriter(IKubernetes client, TimeProvider time, ILogger<MigrationEventWriter> logger, string nodeName)
{
    private const string Component = "interceptor-agent";

    public async Task RecordAsync(AgentMigration migration, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var evt = new Corev1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = migration.Name + ".", NamespaceProperty = migration.Namespace },
            InvolvedObject = migration.Reference(),
            Type = type,
            Reason = reason,
            Message = message.Length > 1024 ? message[..1024] : message,
            Source = new V1EventSource { Component = Component, Host = nodeName },
            ReportingComponent = Component,
            ReportingInstance = nodeName,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(evt, migration.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not record event {Reason} on PodMigration {Namespace}/{Name}: {Cause}", reason, migration.Namespace, migration.Name, KubeErrors.Cause(e));
        }
    }
}
