namespace Interceptor.Agent;

/// <summary>What the agent does next for one migration: a plain value decided before anything changes.</summary>
public abstract record AgentAction;

/// <summary>Nothing to do here (another node's migration, another phase, or already settled).</summary>
public sealed record Skip(string Why) : AgentAction;

/// <summary>Checkpoint, validate and publish these containers (the ones without a checkpoint for the attempt).</summary>
public sealed record CheckpointContainers(IReadOnlyList<string> Containers) : AgentAction;

/// <summary>Every listed container is published: tell the controller with the Checkpointed=True condition.</summary>
public sealed record MarkCheckpointed : AgentAction;

/// <summary>The attempt cannot succeed on this node: record Checkpointed=False so the controller rolls back.</summary>
public sealed record FailMigration(string Reason, string Message) : AgentAction;
