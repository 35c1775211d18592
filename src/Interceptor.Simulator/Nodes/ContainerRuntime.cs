namespace Interceptor.Simulator.Nodes;

/// <summary>
/// One container as the simulated runtime created it: its ID, image, and the counter value its process starts
/// from (0 for a cold start, the checkpointed value for a restore). <see cref="CreateError"/> is set when the
/// runtime could not create it (an unreadable checkpoint image): the container then never runs.
/// </summary>
internal sealed record ContainerRuntime(
    string Name,
    string Image,
    string ContainerId,
    string ImageId,
    long InitialCounter,
    bool Restored,
    string? CreateError = null);
