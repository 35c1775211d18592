using Interceptor.Simulator.Errors;

namespace Interceptor.Simulator.Eviction;

/// <summary>The errors of kube-apiserver pkg/registry/core/pod/storage/eviction.go, word for word.</summary>
internal static class EvictionErrors
{
    /// <summary>policyv1.DisruptionBudgetCause.</summary>
    public const string DisruptionBudgetCause = "DisruptionBudget";

    private const string WouldViolate = "Cannot evict pod as it would violate the pod's disruption budget.";

    public static ApiStatusException NameMismatch() =>
        StatusErrors.BadRequest("name in URL does not match name in Eviction object");

    /// <summary>eviction.go returns this as a plain Status object (no reason, no details) with code 500.</summary>
    public static ApiStatusException MoreThanOneBudget() =>
        new(500, null, "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");

    /// <summary>disruptionsAllowed == 0: 429 with no Retry-After, so clients use their own pacing.</summary>
    public static ApiStatusException BudgetExhausted(string pdb, long desiredHealthy, long currentHealthy) =>
        TooManyRequests(0, $"The disruption budget {pdb} needs {desiredHealthy} healthy pods and has {currentHealthy} currently");

    /// <summary>The PDB controller has not caught up with the PDB's spec (observedGeneration is stale).</summary>
    public static ApiStatusException BudgetBeingProcessed(string pdb) =>
        TooManyRequests(10, $"The disruption budget {pdb} is still being processed by the server.");

    public static ApiStatusException NegativeBudget(string pdb) =>
        new(403, "Forbidden", $"poddisruptionbudget.policy \"{pdb}\" is forbidden: pdb disruptions allowed is negative",
            new StatusDetails(pdb, "policy", "poddisruptionbudget"));

    /// <summary>
    /// propagateDryRun: the query's dryRun and the body's deleteOptions.dryRun disagree. It is a plain Go
    /// error, which ErrorToAPIStatus turns into 500 with reason Unknown and the bare text.
    /// </summary>
    public static ApiStatusException DryRunMismatch(IReadOnlyList<string> query, IReadOnlyList<string> body) =>
        new(500, "Unknown",
            $"Non-matching dry-run options in request and content: [{string.Join(' ', query)}] and [{string.Join(' ', body)}]");

    private static ApiStatusException TooManyRequests(int retryAfterSeconds, string cause) =>
        new(429, "TooManyRequests", WouldViolate, new StatusDetails
        {
            Causes = [new StatusCause(DisruptionBudgetCause, cause, "")],
            RetryAfterSeconds = retryAfterSeconds,
        });
}
