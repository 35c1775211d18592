namespace Interceptor.Simulator.Errors;

/// <summary>
/// <c>Status.details</c>. Kubernetes puts the resource plural (not the Kind) into <c>kind</c>
/// for NotFound, AlreadyExists and Conflict, so callers pass whatever the real server would.
/// </summary>
public sealed record StatusDetails(string? Name = null, string? Group = null, string? Kind = null)
{
    public IReadOnlyList<StatusCause> Causes { get; init; } = [];

    /// <summary>When above zero the response also carries a <c>Retry-After</c> header (apiserver responsewriters).</summary>
    public int RetryAfterSeconds { get; init; }
}
