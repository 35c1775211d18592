using System.Net;
using Interceptor.Simulator.Faults;
using Interceptor.Simulator.Tests.Support;
using k8s;
using Xunit;
using static Interceptor.Simulator.Tests.Support.TestPods;

namespace Interceptor.Simulator.Tests;

public sealed class FaultTests : ServerTest
{
    [Fact]
    public async Task A_fault_rule_makes_get_answer_500_until_it_is_removed()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace);
        var rule = Server.Faults.Add(r => r.Method == "GET" && r.Path.EndsWith("/pods/web") ? Fault.Status(500) : null);

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.InternalServerError,
            () => Client.CoreV1.ReadNamespacedPodAsync("web", Namespace));
        Assert.True(Server.Faults.Remove(rule));
        var pod = await Client.CoreV1.ReadNamespacedPodAsync("web", Namespace);

        Assert.Equal("InternalError", status.Reason);
        Assert.Equal("web", pod.Metadata.Name);
    }

    [Fact]
    public async Task Faulted_requests_are_recorded_too()
    {
        Server.ClearRequests();
        using var rule = Server.Faults.Add(r => r.Method == "POST" ? Fault.Status(429) : null);

        await ApiErrors.ThrowsStatusAsync(HttpStatusCode.TooManyRequests,
            () => Client.CoreV1.CreateNamespacedPodAsync(Pod("web"), Namespace));

        var request = Assert.Single(Server.Requests);
        Assert.Equal(("POST", "/api/v1/namespaces/default/pods"), (request.Method, request.Path));
    }

    [Fact]
    public async Task A_delay_fault_delays_and_then_handles_the_request()
    {
        using var rule = Server.Faults.Add(r => r.Method == "GET" ? Fault.Delay(TimeSpan.FromMilliseconds(200)) : null);
        var started = DateTimeOffset.UtcNow;

        var list = await Client.CoreV1.ListNamespacedPodAsync(Namespace);

        Assert.Empty(list.Items);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromMilliseconds(190));
    }

    [Fact]
    public async Task A_hang_fault_holds_the_request_until_the_client_gives_up()
    {
        using var rule = Server.Faults.Add(r => r.Method == "GET" ? Fault.Hang : null);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Client.CoreV1.ListNamespacedPodAsync(Namespace, cancellationToken: giveUp.Token));
    }

    [Fact]
    public async Task Requests_record_method_path_and_query()
    {
        Server.ClearRequests();

        await Client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: "app=web");

        var request = Assert.Single(Server.Requests);
        Assert.Equal("/api/v1/namespaces/default/pods", request.Path);
        Assert.Equal("app=web", request.Query("labelSelector"));
        Assert.False(request.IsWatch);
    }
}
