namespace Interceptor.Admission;

/// <summary>What to do with one pod CREATE: a reason from <see cref="MutationReasons"/>, and the JSON Patch to answer with, if any.</summary>
public sealed record PodMutationDecision(string Reason, byte[]? Patch)
{
    public static PodMutationDecision Skip(string reason) => new(reason, null);
}
