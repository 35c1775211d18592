using Interceptor.Admission;
using Xunit;

namespace Interceptor.Tests.Admission;

public class MigrationNamesTests
{
    [Fact]
    public void The_name_is_the_pod_name_and_the_start_of_its_uid()
    {
        Assert.Equal("web-0-8c1e2a3b", MigrationNames.For("web-0", "8C1E2A3B-1111-2222-3333-444455556666"));
    }

    [Fact]
    public void The_same_pod_always_gets_the_same_name()
    {
        var uid = Guid.NewGuid().ToString();
        Assert.Equal(MigrationNames.For("web", uid), MigrationNames.For("web", uid));
    }

    [Fact]
    public void A_maximal_pod_name_still_gives_a_valid_object_name()
    {
        var name = MigrationNames.For(new string('a', 250) + "-b", Guid.NewGuid().ToString());

        Assert.True(name.Length <= 253);
        Assert.True(KubeNames.IsDnsSubdomain(name));
    }
}
