using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Tables;

/// <summary>
/// printers.go <c>printPod</c>: READY, STATUS (phase, overridden by container waiting/terminated reasons and
/// Terminating), RESTARTS ("2 (5m ago)"), AGE, and the wide IP, NODE, NOMINATED NODE, READINESS GATES.
/// Init containers count only as restartable (sidecar) containers; their Init:x/y statuses are not rendered.
/// </summary>
internal sealed class PodPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", "string", "The aggregate status of the containers in this pod."),
        new("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        TableColumn.AgeColumn,
        new("IP", "string", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", Priority: 1),
        new("Node", "string", "NodeName indicates in which node this pod is scheduled.", Priority: 1),
        new("Nominated Node", "string", "nominatedNodeName is set when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node.", Priority: 1),
        new("Readiness Gates", "string", "If specified, all readiness gates will be evaluated for pod readiness. More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates", Priority: 1),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject pod, DateTimeOffset now)
    {
        var phase = ObjectFields.String(pod, "status", "phase") ?? "";
        var reason = ObjectFields.String(pod, "status", "reason") is { Length: > 0 } r ? r : phase;
        if (ObjectFields.Objects(pod, "status", "conditions").Any(c =>
                ObjectFields.String(c, "type") == "PodScheduled" && ObjectFields.String(c, "reason") == "SchedulingGated"))
        {
            reason = "SchedulingGated";
        }
        var total = ObjectFields.Objects(pod, "spec", "containers").Count()
            + ObjectFields.Objects(pod, "spec", "initContainers").Count(c => ObjectFields.String(c, "restartPolicy") == "Always");
        var ready = 0;
        var restarts = 0L;
        DateTimeOffset? lastRestart = null;
        var hasRunning = false;
        // Walked last to first, as printPod does, so the first container's reason wins.
        foreach (var status in ObjectFields.Objects(pod, "status", "containerStatuses").Reverse())
        {
            restarts += ObjectFields.Integer(status, "restartCount");
            if (Timestamp(ObjectFields.String(status, "lastState", "terminated", "finishedAt")) is { } finished
                && (lastRestart is null || finished > lastRestart))
            {
                lastRestart = finished;
            }
            if (ObjectFields.String(status, "state", "waiting", "reason") is { Length: > 0 } waiting)
            {
                reason = waiting;
            }
            else if (ObjectFields.At(status, "state", "terminated") is JsonObject terminated)
            {
                reason = ObjectFields.String(terminated, "reason") is { Length: > 0 } why ? why
                    : ObjectFields.Integer(terminated, "signal") != 0 ? $"Signal:{ObjectFields.Integer(terminated, "signal")}"
                    : $"ExitCode:{ObjectFields.Integer(terminated, "exitCode")}";
            }
            else if (ObjectFields.Bool(status, "ready") && ObjectFields.At(status, "state", "running") is JsonObject)
            {
                hasRunning = true;
                ready++;
            }
        }
        if (reason == "Completed" && hasRunning)
        {
            reason = HasReadyCondition(pod) ? "Running" : "NotReady";
        }
        if (ObjectFields.String(pod, "metadata", "deletionTimestamp") is not null)
        {
            reason = ObjectFields.String(pod, "status", "reason") == "NodeLost" ? "Unknown"
                : phase is "Succeeded" or "Failed" ? reason : "Terminating";
        }
        var restartText = restarts != 0 && lastRestart is { } last
            ? $"{restarts} ({HumanDuration.Format(now - last)} ago)"
            : restarts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return
        [
            ObjectFields.Name(pod),
            $"{ready}/{total}",
            reason,
            restartText,
            HumanDuration.Since(ObjectFields.String(pod, "metadata", "creationTimestamp"), now),
            OrNone(ObjectFields.Objects(pod, "status", "podIPs").Select(ip => ObjectFields.String(ip, "ip")).FirstOrDefault()
                ?? ObjectFields.String(pod, "status", "podIP")),
            OrNone(ObjectFields.String(pod, "spec", "nodeName")),
            OrNone(ObjectFields.String(pod, "status", "nominatedNodeName")),
            ReadinessGates(pod),
        ];
    }

    /// <summary>printers.go <c>podSuccessConditions</c> / <c>podFailedConditions</c>.</summary>
    public JsonArray? Conditions(JsonObject pod) => ObjectFields.String(pod, "status", "phase") switch
    {
        "Succeeded" => Completed("Succeeded", "The pod has completed successfully."),
        "Failed" => Completed("Failed", "The pod failed."),
        _ => null,
    };

    private static JsonArray Completed(string reason, string message) =>
        [new JsonObject { ["type"] = "Completed", ["status"] = "True", ["reason"] = reason, ["message"] = message }];

    private static bool HasReadyCondition(JsonObject pod) =>
        ObjectFields.Objects(pod, "status", "conditions").Any(c =>
            ObjectFields.String(c, "type") == "Ready" && ObjectFields.String(c, "status") == "True");

    private static string ReadinessGates(JsonObject pod)
    {
        var gates = ObjectFields.Objects(pod, "spec", "readinessGates").Select(g => ObjectFields.String(g, "conditionType")).ToList();
        if (gates.Count == 0)
        {
            return "<none>";
        }
        var conditions = ObjectFields.Objects(pod, "status", "conditions").ToList();
        var met = gates.Count(gate => conditions.FirstOrDefault(c => ObjectFields.String(c, "type") == gate) is { } c
            && ObjectFields.String(c, "status") == "True");
        return $"{met}/{gates.Count}";
    }

    private static string OrNone(string? value) => string.IsNullOrEmpty(value) ? "<none>" : value;

    private static DateTimeOffset? Timestamp(string? value) =>
        DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
