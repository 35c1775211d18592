using k8s.Models;

namespace Interceptor.Simulator.Demo;

/// <summary>What a drain saw happen to each pod, as it happened: the raw material of the simulate timeline.</summary>
public interface IDrainObserver
{
    /// <summary>An eviction is about to be POSTed (the first call, or a retry after a 429).</summary>
    void Attempting(V1Pod pod);

    /// <summary>The eviction was answered 429; <paramref name="message"/> is the Status message drain prints.</summary>
    void Denied(V1Pod pod, string message);

    /// <summary>The eviction was allowed (201): the pod is being deleted.</summary>
    void Evicted(V1Pod pod);

    /// <summary>The pod (this UID) is gone from the API server.</summary>
    void Gone(V1Pod pod);
}
