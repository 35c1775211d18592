namespace Interceptor.Simulator.Controllers;

/// <summary>What the statefulset controller knows of one ordinal's pod.</summary>
internal sealed record StatefulPod(int Ordinal, string Name, bool Terminating, bool Finished, bool RunningAndReady);

/// <summary>One step of a StatefulSet sync.</summary>
internal abstract record StatefulSetAction
{
    /// <summary>Create <c>{set}-{ordinal}</c> from the template.</summary>
    public sealed record Create(int Ordinal) : StatefulSetAction;

    /// <summary>Delete this pod (a finished pod to be replaced, or an ordinal beyond spec.replicas).</summary>
    public sealed record Delete(string Name) : StatefulSetAction;
}

/// <summary>
/// The decisions of stateful_set_control.go updateStatefulSet, without revisions: which ordinals to create and
/// which pods to delete. Pure: spec.replicas, the policy and the pods in; the actions in order out.
/// </summary>
/// <remarks>
/// IMPORTANT: an ordinal whose pod still exists, even Terminating, is never created again: a pod's identity is
/// its name, and the replacement may appear only once the old object is gone from the store (the DELETED event
/// brings the sync that creates it). OrderedReady (the default) creates ordinals one at a time, each after the
/// ones below it are Running and Ready, and deletes the highest surplus ordinal first, one at a time; Parallel
/// creates and deletes without waiting.
/// </remarks>
internal static class StatefulSetPlan
{
    public static IReadOnlyList<StatefulSetAction> Decide(int replicas, bool orderedReady, IReadOnlyList<StatefulPod> pods)
    {
        var actions = new List<StatefulSetAction>();
        var byOrdinal = pods.ToDictionary(p => p.Ordinal);
        for (var ordinal = 0; ordinal < replicas; ordinal++)
        {
            if (!byOrdinal.TryGetValue(ordinal, out var pod))
            {
                actions.Add(new StatefulSetAction.Create(ordinal));
                if (orderedReady)
                {
                    return actions;
                }
                continue;
            }
            if (pod.Finished && !pod.Terminating)
            {
                // A Failed or Succeeded pod is deleted; its successor comes after the DELETED event.
                actions.Add(new StatefulSetAction.Delete(pod.Name));
                if (orderedReady)
                {
                    return actions;
                }
                continue;
            }
            if (orderedReady && (pod.Terminating || !pod.RunningAndReady))
            {
                return actions;
            }
        }
        var condemned = pods.Where(p => p.Ordinal >= replicas).OrderByDescending(p => p.Ordinal);
        foreach (var pod in condemned)
        {
            if (pod.Terminating)
            {
                if (orderedReady)
                {
                    return actions;
                }
                continue;
            }
            actions.Add(new StatefulSetAction.Delete(pod.Name));
            if (orderedReady)
            {
                return actions;
            }
        }
        return actions;
    }
}
