using Interceptor.Simulator.Demo;
using k8s.Models;

namespace Interceptor.Bench.Migration;

/// <summary>The drain's observer when only its outcome matters: the makespan comes from the PodMigration statuses.</summary>
public sealed class QuietDrainObserver : IDrainObserver
{
    public void Attempting(V1Pod pod)
    {
    }

    public void Denied(V1Pod pod, string message)
    {
    }

    public void Evicted(V1Pod pod)
    {
    }

    public void Gone(V1Pod pod)
    {
    }
}
