using Interceptor.Simulator.Demo;
using Xunit;

namespace Interceptor.Simulator.Tests.Demo;

public sealed class DemoWorkloadTests
{
    [Theory]
    [InlineData(4, 1, 1)]
    [InlineData(6, 2, 2)]
    [InlineData(7, 3, 2)]
    public void Two_bare_pods_and_the_rest_split_between_Deployment_and_StatefulSet(int pods, int deployment, int statefulSet)
    {
        var workload = DemoWorkload.For(pods);

        Assert.Equal(new DemoWorkload(deployment, statefulSet, 2), workload);
        Assert.Equal(pods + 2, workload.PodsOnNode);
    }
}
