using System.Text.Json.Nodes;
using Interceptor.Simulator.Tables;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>Cell texts of the pod and node printers in the states kubectl users read most.</summary>
public sealed class TablePrinterTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-05-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_crash_looping_container_shows_its_waiting_reason_and_restarts_with_when()
    {
        var pod = Pod("""
            {"phase":"Running","containerStatuses":[{"name":"app","ready":false,"restartCount":4,
              "state":{"waiting":{"reason":"CrashLoopBackOff"}},
              "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-05-01T11:55:00Z"}}}]}
            """);

        var cells = Texts(new PodPrinter().Cells(pod, Now));

        Assert.Equal(["web", "0/1", "CrashLoopBackOff", "4 (5m ago)", "10m"], cells[..5]);
    }

    [Fact]
    public void A_pod_being_deleted_is_terminating()
    {
        var pod = Pod("""{"phase":"Running"}""");
        pod["metadata"]!["deletionTimestamp"] = "2026-05-01T11:59:00Z";

        Assert.Equal("Terminating", Texts(new PodPrinter().Cells(pod, Now))[2]);
    }

    [Fact]
    public void A_completed_container_shows_its_terminated_reason()
    {
        var pod = Pod("""{"phase":"Succeeded","containerStatuses":[{"name":"app","state":{"terminated":{"reason":"Completed","exitCode":0}}}]}""");

        Assert.Equal("Completed", Texts(new PodPrinter().Cells(pod, Now))[2]);
        Assert.NotNull(new PodPrinter().Conditions(pod));
    }

    [Fact]
    public void A_node_without_a_ready_condition_is_unknown_and_shows_its_addresses()
    {
        var node = JsonNode.Parse("""
            {"metadata":{"name":"n1","creationTimestamp":"2026-04-30T12:00:00Z","labels":{"kubernetes.io/role":"edge"}},
             "spec":{"unschedulable":true},
             "status":{"addresses":[{"type":"InternalIP","address":"10.0.0.4"}],"nodeInfo":{"kubeletVersion":"v1.36.0"}}}
            """)!.AsObject();

        var cells = Texts(new NodePrinter().Cells(node, Now));

        Assert.Equal(["n1", "Unknown,SchedulingDisabled", "edge", "24h", "v1.36.0", "10.0.0.4", "<none>"], cells[..7]);
    }

    private static JsonObject Pod(string status) => JsonNode.Parse($$"""
        {"metadata":{"name":"web","creationTimestamp":"2026-05-01T11:50:00Z"},
         "spec":{"containers":[{"name":"app","image":"app:1"}]},
         "status":{{status}}}
        """)!.AsObject();

    private static string[] Texts(IReadOnlyList<JsonNode?> cells) => [.. cells.Select(c => c?.ToString() ?? "")];
}
