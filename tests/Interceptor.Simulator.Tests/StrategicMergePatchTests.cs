using System.Text.Json.Nodes;
using Interceptor.Simulator.Patching;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>The strategic merge patch semantics the fake server implements, on raw JSON.</summary>
public sealed class StrategicMergePatchTests
{
    [Theory]
    [InlineData("""{"spec":{"unschedulable":true}}""", """{"spec":{"unschedulable":true,"podCIDR":"10.0.0.0/24"}}""")]
    [InlineData("""{"spec":{"unschedulable":null}}""", """{"spec":{"podCIDR":"10.0.0.0/24"}}""")]
    public void Plain_fields_merge_like_a_json_merge_patch(string patch, string expected) =>
        AssertPatched("""{"spec":{"podCIDR":"10.0.0.0/24"}}""", patch, expected);

    [Fact]
    public void Containers_merge_by_name_and_new_ones_are_appended() => AssertPatched(
        """{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]}""",
        """{"containers":[{"name":"b","image":"b:2"},{"name":"c","image":"c:1"}]}""",
        """{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:2"},{"name":"c","image":"c:1"}]}""");

    [Fact]
    public void A_delete_directive_removes_the_keyed_item() => AssertPatched(
        """{"conditions":[{"type":"Ready","status":"True"},{"type":"Other","status":"False"}]}""",
        """{"conditions":[{"type":"Other","$patch":"delete"}]}""",
        """{"conditions":[{"type":"Ready","status":"True"}]}""");

    [Fact]
    public void Lists_without_a_strategy_are_replaced() => AssertPatched(
        """{"spec":{"taints":[{"key":"a","effect":"NoSchedule"}]}}""",
        """{"spec":{"taints":[{"key":"b","effect":"NoExecute"}]}}""",
        """{"spec":{"taints":[{"key":"b","effect":"NoExecute"}]}}""");

    [Fact]
    public void Finalizers_merge_as_a_set_and_delete_from_primitive_list_removes() => AssertPatched(
        """{"metadata":{"finalizers":["a","b"]}}""",
        """{"metadata":{"finalizers":["b","c"],"$deleteFromPrimitiveList/finalizers":["a"],"$setElementOrder/finalizers":["b","c"]}}""",
        """{"metadata":{"finalizers":["b","c"]}}""");

    [Fact]
    public void A_replace_directive_replaces_the_object() => AssertPatched(
        """{"metadata":{"labels":{"a":"1","b":"2"}}}""",
        """{"metadata":{"labels":{"$patch":"replace","c":"3"}}}""",
        """{"metadata":{"labels":{"c":"3"}}}""");

    private static void AssertPatched(string target, string patch, string expected)
    {
        var obj = JsonNode.Parse(target)!.AsObject();

        StrategicMergePatch.Apply(obj, JsonNode.Parse(patch));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), obj), obj.ToJsonString());
    }
}
