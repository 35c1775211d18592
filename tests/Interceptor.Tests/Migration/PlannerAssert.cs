using Interceptor.Migration;
using Xunit;

namespace Interceptor.Tests.Migration;

/// <summary>
/// Compares a planner decision with a row's expected action: the same record once the words are set aside, and the
/// expected words (a message, a why, a warning) found inside the actual ones. So a row states the decision exactly
/// and only the part of the message that matters to it (<c>new RollBack(CheckpointFailed, "ArchiveRejected")</c>).
/// </summary>
public static class PlannerAssert
{
    public static void Decides(string because, MigrationAction expected, MigrationAction actual)
    {
        Assert.True(Equals(WithoutWords(expected), WithoutWords(actual)), $"{because}: expected {expected}, got {actual}");
        foreach (var (words, actualWords) in Words(expected).Zip(Words(actual)).Where(w => w.First is not null))
        {
            Assert.True(actualWords?.Contains(words!, StringComparison.Ordinal) == true,
                $"{because}: expected '{words}' in '{actualWords}'");
        }
    }

    /// <summary>The action with its free text blanked; a null warning stays null (whether there is one is part of the decision).</summary>
    private static object WithoutWords(MigrationAction action) => action switch
    {
        Wait w => w with { Why = "" },
        Queue q => q with { Message = "" },
        Admit a => a with { EstimateWarning = a.EstimateWarning is null ? null : "" },
        Commit c => c with { Message = "" },
        Succeed s => s with { Message = "" },
        RollBack r => r with { Message = "" },
        Finish f => f with { Message = "" },

        // A list compares by reference in a record: compare its items as text instead.
        RequestCheckpoint rc => $"{nameof(RequestCheckpoint)}[{string.Join(", ", rc.Containers)}]",
        _ => action,
    };

    private static string?[] Words(MigrationAction action) => action switch
    {
        Wait w => [w.Why],
        Queue q => [q.Message],
        Admit a => [a.EstimateWarning],
        Commit c => [c.Message],
        Succeed s => [s.Message],
        RollBack r => [r.Message],
        Finish f => [f.Message],
        _ => [],
    };
}
