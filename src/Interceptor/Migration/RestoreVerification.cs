using k8s.Models;

namespace Interceptor.Migration;

/// <summary>
/// Did the runtime restore the replacement's containers from their checkpoint images, or start them cold? Pure: reads
/// only the pod, so it can run on every watch event. The signal (docs/design/20261206-restore-verification.md): CRI-O
/// and containerd create a restored container from config.dump's base image, so its status reports that image's repo
/// digest as <c>imageID</c>, never the checkpoint image's; a runtime that ignores the checkpoint reports the
/// checkpoint image itself.
/// </summary>
public static class RestoreVerification
{
    /// <summary>
    /// The verdict for the pod: a failure at once; otherwise wait until every container is decided, then the weakest
    /// evidence wins (Unverifiable, then ColdStart), and Restored only when every container restored.
    /// </summary>
    /// <param name="expected">Container name to the checkpoint image reference it was created with (host/repo@sha256:...).</param>
    public static RestoreCheck Check(V1Pod replacement, IReadOnlyDictionary<string, string> expected)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        ArgumentNullException.ThrowIfNull(expected);
        if (expected.Count == 0)
        {
            throw new ArgumentException("at least one container must be expected to restore", nameof(expected));
        }

        var checks = expected.Select(e => RestoreVerificationContainer.Check(replacement, e.Key, e.Value)).ToList();
        return checks.Where(c => c.Outcome != RestoreCheckOutcome.Restored).OrderBy(c => Rank(c.Outcome)).FirstOrDefault()
            ?? AllRestored(checks);
    }

    private static int Rank(RestoreCheckOutcome outcome) => outcome switch
    {
        RestoreCheckOutcome.Failed => 0,
        RestoreCheckOutcome.NotYet => 1,
        RestoreCheckOutcome.Unverifiable => 2,
        _ => 3,
    };

    private static RestoreCheck AllRestored(IReadOnlyList<RestoreCheck> checks) =>
        checks.Count == 1
            ? checks[0]
            : new RestoreCheck(RestoreCheckOutcome.Restored, string.Join(", ", checks.Select(c => c.Container)),
                string.Join("; ", checks.Select(c => c.Message)));
}
