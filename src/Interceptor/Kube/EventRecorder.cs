using System.Threading.Channels;
using Interceptor.Admission;
using k8s;
using k8s.Models;

namespace Interceptor.Kube;

/// <summary>
/// Records core/v1 Events on pods without adding latency to the admission path: callers enqueue, a background
/// loop writes. The queue is bounded and drops the oldest under pressure: an Event is a courtesy, a decision is not.
/// </summary>
public sealed class EventRecorder(IKubernetes client, TimeProvider time, ILogger<EventRecorder> logger) : BackgroundService
{
    private const string Component = "interceptor";
    private readonly Channel<Corev1Event> _queue = Channel.CreateBounded<Corev1Event>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void OnPod(PodFacts pod, string type, string reason, string message) =>
        Record(new V1ObjectReference { Kind = "Pod", ApiVersion = "v1", Name = pod.Name, NamespaceProperty = pod.Namespace, Uid = pod.Uid }, type, reason, message);

    /// <summary>Queues an Event about any namespaced object (a pod, a PodMigration).</summary>
    public void Record(V1ObjectReference involved, string type, string reason, string message)
    {
        var now = time.GetUtcNow().UtcDateTime;
        _queue.Writer.TryWrite(new Corev1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = involved.Name + ".", NamespaceProperty = involved.NamespaceProperty },
            InvolvedObject = involved,
            Type = type,
            Reason = reason,
            Message = message.Length > 1024 ? message[..1024] : message,
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = Environment.MachineName,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var evt in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await client.CoreV1.CreateNamespacedEventAsync(evt, evt.Metadata.NamespaceProperty, cancellationToken: stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not record event {Reason} on pod {Namespace}/{Pod}: {Cause}",
                    evt.Reason, evt.InvolvedObject.NamespaceProperty, evt.InvolvedObject.Name, KubeErrors.Cause(e));
            }
        }
    }
}
