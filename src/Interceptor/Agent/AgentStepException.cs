namespace Interceptor.Agent;

/// <summary>
/// One container's checkpoint failed at a step the agent cannot fix by itself. <see cref="Reason"/> is the
/// Checkpointed condition's reason (a <see cref="Api.CheckpointReasons"/> value) and the failure metric's kind.
/// </summary>
public sealed class AgentStepException(string reason, string message, Exception innerException) : Exception(message, innerException)
{
    public string Reason { get; } = reason;
}
