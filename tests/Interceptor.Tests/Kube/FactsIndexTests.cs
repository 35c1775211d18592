using Interceptor.Kube;
using Xunit;

namespace Interceptor.Tests.Kube;

public class FactsIndexTests
{
    private sealed record Facts(string Name, string? PodUid);

    [Fact]
    public void Objects_are_found_by_their_value_per_namespace_and_leave_it_when_deleted_or_changed()
    {
        var index = new FactsIndex<Facts>(f => f.PodUid);
        var mine = new Facts("by-webhook", "uid-1");
        var users = new Facts("by-user", "uid-1");
        index.Put("shop", "shop/by-webhook", null, mine);
        index.Put("shop", "shop/by-user", null, users);
        index.Put("other", "other/x", null, new Facts("x", "uid-1"));

        Assert.Equal(["by-user", "by-webhook"], index.Find("shop", "uid-1").Select(f => f.Name).Order());

        index.Remove("shop", "shop/by-user", users);
        index.Put("shop", "shop/by-webhook", mine, mine with { PodUid = "uid-2" });

        Assert.Empty(index.Find("shop", "uid-1"));
        Assert.Equal("by-webhook", Assert.Single(index.Find("shop", "uid-2")).Name);
        Assert.Single(index.Find("other", "uid-1"));
    }

    [Fact]
    public void Objects_without_a_value_are_not_indexed()
    {
        var index = new FactsIndex<Facts>(f => f.PodUid);
        index.Put("shop", "shop/empty", null, new Facts("empty", null));

        Assert.Empty(index.Find("shop", ""));
    }
}
