using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Nodes;

/// <summary>One container's status as the kubelet reports it (waiting, running or terminated), from the pod's runtime.</summary>
internal static class ContainerStatuses
{
    /// <summary>The moment in the container's life <see cref="Build"/> describes.</summary>
    public enum Stage { Waiting, Running, Ready, Terminated }

    public static JsonObject Build(ContainerRuntime container, PodRuntime pod, Stage stage, DateTimeOffset? stoppedAt, bool exitedGracefully)
    {
        var started = stage is Stage.Running or Stage.Ready;
        var status = new JsonObject
        {
            ["name"] = container.Name,
            ["state"] = State(container, pod, stage, stoppedAt, exitedGracefully),
            ["lastState"] = new JsonObject(),
            ["ready"] = stage == Stage.Ready,
            ["restartCount"] = 0,
            // Before the container exists the kubelet writes the spec's image and no ID; after, it copies the runtime's
            // CRI status: image = ContainerStatus.Image.Image, imageID = ImageRef (kubelet_pods.go convertContainerStatus).
            // For a restore that is the base image, not the checkpoint image: the only sign of a restore the API shows.
            ["image"] = stage == Stage.Waiting ? container.Image : container.RuntimeImage,
            ["imageID"] = stage == Stage.Waiting ? "" : container.ImageId,
            ["started"] = started,
        };
        if (stage != Stage.Waiting)
        {
            status["containerID"] = container.ContainerId;
        }
        return status;
    }

    private static JsonObject State(ContainerRuntime container, PodRuntime pod, Stage stage, DateTimeOffset? stoppedAt, bool exitedGracefully)
    {
        var startedAt = pod.RunningSince is { } since ? CreateDefaults.Rfc3339(since) : null;
        return stage switch
        {
            Stage.Waiting when container.CreateError is { } error => Waiting("CreateContainerError", error),
            Stage.Waiting => Waiting("ContainerCreating", null),
            Stage.Terminated => new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    // A process that exits on SIGTERM ends 0; one still running at the deadline is SIGKILLed (128+9).
                    ["exitCode"] = exitedGracefully ? 0 : 137,
                    ["reason"] = exitedGracefully ? "Completed" : "Error",
                    ["startedAt"] = startedAt,
                    ["finishedAt"] = stoppedAt is { } stop ? CreateDefaults.Rfc3339(stop) : null,
                    ["containerID"] = container.ContainerId,
                },
            },
            _ => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = startedAt } },
        };
    }

    private static JsonObject Waiting(string reason, string? message)
    {
        var waiting = new JsonObject { ["reason"] = reason };
        if (message is not null)
        {
            waiting["message"] = message;
        }
        return new JsonObject { ["waiting"] = waiting };
    }
}
