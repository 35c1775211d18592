using Interceptor.Api;

namespace Interceptor.Agent;

/// <summary>
/// The agent's decision for one migration: a pure, ordered chain of checks (first match wins). No I/O, no clock,
/// so every branch is a row in a table test.
/// </summary>
public static class AgentPlanner
{
    public static AgentAction Decide(AgentMigration migration, string nodeName)
    {
        if (!string.Equals(migration.SourceNode, nodeName, StringComparison.Ordinal))
        {
            return new Skip($"the source node is {migration.SourceNode ?? "not set"}, not {nodeName}");
        }

        if (migration.Phase != MigrationPhases.Checkpointing)
        {
            return new Skip($"phase {migration.Phase ?? "(none)"} asks nothing of the agent");
        }

        // A failure recorded for this attempt is final here: a new attempt is the controller's, and it clears the condition.
        if (migration.Checkpointed == PodMigrationConditions.False)
        {
            return new Skip("a failure is recorded; the controller rolls back or starts a new attempt");
        }

        if (migration.Containers.Count == 0)
        {
            return new FailMigration(CheckpointReasons.NoContainersListed,
                "the migration is in Checkpointing but status.checkpoints lists no container to checkpoint");
        }

        var pending = migration.Containers.Where(c => !migration.Published.Contains(c)).ToArray();
        if (pending.Length > 0)
        {
            return new CheckpointContainers(pending);
        }

        return migration.Checkpointed == PodMigrationConditions.True
            ? new Skip("every container is published and the condition says so")
            : new MarkCheckpointed();
    }
}
