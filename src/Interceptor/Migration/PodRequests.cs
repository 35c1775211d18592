using k8s.Models;

namespace Interceptor.Migration;

/// <summary>
/// What a pod asks of a node, computed as the scheduler does (kubernetes
/// staging/src/k8s.io/component-helpers/resource/helpers.go PodRequests and AggregateContainerRequests, used by
/// pkg/scheduler/framework/plugins/noderesources/fit.go): the larger of the sum of the containers and the
/// largest init-container step, then pod-level requests where set, then the runtime class overhead.
/// </summary>
public static class PodRequests
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";

    public static ResourceAmount Of(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var spec = pod.Spec ?? new V1PodSpec();
        var containers = ResourceAmount.Zero;
        foreach (var container in spec.Containers ?? [])
        {
            containers += Read(container.Resources?.Requests);
        }

        var (sidecars, initPeak) = InitContainers(spec.InitContainers);
        var total = ResourceAmount.Max(containers + sidecars, initPeak);
        return PodLevel(spec.Resources?.Requests, total) + Read(spec.Overhead);
    }

    /// <summary>CPU and memory of a resource list (requests, allocatable, overhead); an absent resource is zero.</summary>
    public static ResourceAmount Read(IDictionary<string, ResourceQuantity>? list) =>
        list is null ? ResourceAmount.Zero : new ResourceAmount(Quantity(list, Cpu), Quantity(list, Memory));

    public static decimal Quantity(IDictionary<string, ResourceQuantity>? list, string resource) =>
        list is not null && list.TryGetValue(resource, out var quantity) && quantity is not null ? quantity.ToDecimal() : 0m;

    /// <summary>
    /// Sidecars (init containers with restartPolicy Always) keep running, so they add to the containers; each
    /// plain init container runs beside the sidecars started before it, and the largest such step is a floor
    /// (KEP-753 "Resources calculation for scheduling and pod admission").
    /// </summary>
    private static (ResourceAmount Sidecars, ResourceAmount Peak) InitContainers(IList<V1Container>? initContainers)
    {
        var sidecars = ResourceAmount.Zero;
        var peak = ResourceAmount.Zero;
        foreach (var container in initContainers ?? [])
        {
            var own = Read(container.Resources?.Requests);
            if (container.RestartPolicy == "Always")
            {
                sidecars += own;
                peak = ResourceAmount.Max(peak, sidecars);
            }
            else
            {
                peak = ResourceAmount.Max(peak, own + sidecars);
            }
        }

        return (sidecars, peak);
    }

    /// <summary>Pod-level requests (PodLevelResources), where set, replace the container aggregate resource by resource.</summary>
    private static ResourceAmount PodLevel(IDictionary<string, ResourceQuantity>? podLevel, ResourceAmount aggregate) =>
        podLevel is null ? aggregate : new ResourceAmount(
            podLevel.ContainsKey(Cpu) ? Quantity(podLevel, Cpu) : aggregate.Cpu,
            podLevel.ContainsKey(Memory) ? Quantity(podLevel, Memory) : aggregate.Memory);
}
