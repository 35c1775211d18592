using System.Text.Json.Nodes;
using Interceptor.Agent;
using Xunit;

namespace Interceptor.Tests.Agent;

/// <summary>The agent's status patch names only its checkpoint entries and its condition, pinned by test operations.</summary>
public sealed class OwnedStatusPatchTests
{
    private static JsonObject Status(string? digest, JsonObject? condition = null) => new()
    {
        ["phase"] = "Checkpointing",
        ["attempt"] = 2,
        ["checkpoints"] = new JsonArray(new JsonObject { ["container"] = "sidecar" }, Entry(digest)),
        ["conditions"] = condition is null ? new JsonArray(Scheduled()) : new JsonArray(Scheduled(), condition),
    };

    private static JsonObject Entry(string? digest) =>
        digest is null ? new JsonObject { ["container"] = "app" } : new JsonObject { ["container"] = "app", ["digest"] = digest };

    private static JsonObject Scheduled() => new() { ["type"] = "Scheduled", ["status"] = "True" };

    private static JsonObject Checkpointed(string status) => new() { ["type"] = "Checkpointed", ["status"] = status };

    [Fact]
    public void A_published_entry_is_replaced_at_its_index_after_testing_the_attempt_and_the_container()
    {
        var patch = OwnedStatusPatch.Between(Status(null), Status("sha256:a"))!;

        Assert.Equal(
            """[{"op":"test","path":"/status/attempt","value":2},{"op":"test","path":"/status/checkpoints/1/container","value":"app"},"""
            + """{"op":"replace","path":"/status/checkpoints/1","value":{"container":"app","digest":"sha256:a"}}]""",
            patch.ToJsonString());
    }

    [Fact]
    public void The_condition_is_replaced_where_it_is_or_appended_and_nothing_else_is_sent()
    {
        var replaced = OwnedStatusPatch.Between(Status("d", Checkpointed("False")), Status("d", Checkpointed("True")))!.ToJsonString();
        var appended = OwnedStatusPatch.Between(Status("d"), Status("d", Checkpointed("True")))!.ToJsonString();

        Assert.Contains("""{"op":"test","path":"/status/conditions/1/type","value":"Checkpointed"},{"op":"replace","path":"/status/conditions/1",""", replaced);
        Assert.Contains("""{"op":"add","path":"/status/conditions/-","value":{"type":"Checkpointed","status":"True"}}""", appended);
        Assert.DoesNotContain("phase", replaced + appended);
        Assert.DoesNotContain("Scheduled", replaced + appended);
        Assert.Null(OwnedStatusPatch.Between(Status("d"), Status("d")));
    }
}
