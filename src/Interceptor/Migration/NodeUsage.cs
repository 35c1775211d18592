namespace Interceptor.Migration;

/// <summary>What the pods already bound to one node request of it, and how many there are.</summary>
public sealed record NodeUsage(ResourceAmount Requested, int Pods)
{
    public static readonly NodeUsage Empty = new(ResourceAmount.Zero, 0);

    public NodeUsage Add(ResourceAmount requests) => new(Requested + requests, Pods + 1);
}
