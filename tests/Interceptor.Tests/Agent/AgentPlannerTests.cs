using Interceptor.Agent;
using Interceptor.Api;
using Xunit;

namespace Interceptor.Tests.Agent;

public sealed class AgentPlannerTests
{
    private const string Node = "node-a";

    private static AgentMigration Migration(
        string? sourceNode = Node, string? phase = MigrationPhases.Checkpointing, string[]? containers = null, string[]? published = null, string? checkpointed = null) =>
        new("shop", "web-0-migration", "uid-m", 1, "web-0", "uid-p", sourceNode, phase, 1,
            containers ?? ["app", "sidecar"], (published ?? []).ToHashSet(), checkpointed);

    public static TheoryData<string, AgentMigration, AgentAction> Rows => new()
    {
        { "a migration leaving another node is not ours", Migration(sourceNode: "node-b"), new Skip("") },
        { "a migration without a source node is not ours", Migration(sourceNode: null), new Skip("") },
        { "Preparing asks nothing of the agent yet", Migration(phase: MigrationPhases.Preparing), new Skip("") },
        { "Transferring is past the agent's part", Migration(phase: MigrationPhases.Transferring), new Skip("") },
        { "RollingBack is the controller's", Migration(phase: MigrationPhases.RollingBack), new Skip("") },
        { "a recorded failure is final for the attempt", Migration(checkpointed: PodMigrationConditions.False), new Skip("") },
        { "no container listed is a protocol error the controller must see", Migration(containers: []), new FailMigration(CheckpointReasons.NoContainersListed, "") },
        { "nothing published yet: every container", Migration(), new CheckpointContainers(["app", "sidecar"]) },
        { "after a restart only the containers not recorded", Migration(published: ["app"]), new CheckpointContainers(["sidecar"]) },
        { "all published but not said: set the condition", Migration(published: ["app", "sidecar"]), new MarkCheckpointed() },
        { "all published and said: settled", Migration(published: ["app", "sidecar"], checkpointed: PodMigrationConditions.True), new Skip("") },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_agent_decides_from_the_migration_alone(string because, AgentMigration migration, AgentAction expected)
    {
        var action = AgentPlanner.Decide(migration, Node);

        Assert.True(expected.GetType() == action.GetType(), $"{because}: got {action}");
        switch (expected)
        {
            case CheckpointContainers containers:
                Assert.Equal(containers.Containers, ((CheckpointContainers)action).Containers);
                break;
            case FailMigration fail:
                Assert.Equal(fail.Reason, ((FailMigration)action).Reason);
                break;
        }
    }
}
