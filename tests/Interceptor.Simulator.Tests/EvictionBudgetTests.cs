using System.Net;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using k8s;
using k8s.Models;
using Xunit;
using static Interceptor.Simulator.Tests.Support.TestPods;

namespace Interceptor.Simulator.Tests;

/// <summary>The PodDisruptionBudget half of pods/eviction (eviction.go checkAndDecrement and friends).</summary>
public sealed class EvictionBudgetTests : EvictionTest
{
    [Fact]
    public async Task A_budget_with_no_disruption_allowed_is_429_with_a_DisruptionBudget_cause()
    {
        AddRunningPod("web");
        AddBudget("web-pdb", disruptionsAllowed: 0, desiredHealthy: 2, currentHealthy: 2);

        using var response = await PostEvictionAsync("web", EvictionBody("web"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Cannot evict pod as it would violate the pod's disruption budget.", status["message"]!.GetValue<string>());
        Assert.Equal("TooManyRequests", status["reason"]!.GetValue<string>());
        var cause = Assert.Single(status["details"]!["causes"]!.AsArray())!;
        Assert.Equal("DisruptionBudget", cause["reason"]!.GetValue<string>());
        Assert.Equal("The disruption budget web-pdb needs 2 healthy pods and has 2 currently", cause["message"]!.GetValue<string>());
        Assert.True(PodExists("web"));
    }

    [Fact]
    public async Task The_typed_client_sees_the_budget_429()
    {
        AddRunningPod("web");
        AddBudget("web-pdb", disruptionsAllowed: 0);

        await ApiErrors.ThrowsStatusAsync(HttpStatusCode.TooManyRequests, () => EvictAsync("web"));
    }

    [Fact]
    public async Task A_budget_with_one_disruption_allowed_spends_it_and_the_pod_is_deleted()
    {
        // AddRunningPod makes the pod Ready: only a ready pod counts against the budget.
        AddRunningPod("web");
        AddBudget("web-pdb", disruptionsAllowed: 1);

        await EvictAsync("web");

        Assert.False(PodExists("web"));
        var pdb = await Client.PolicyV1.ReadNamespacedPodDisruptionBudgetStatusAsync("web-pdb", Namespace);
        Assert.Equal(0, pdb.Status.DisruptionsAllowed);
        Assert.Contains("web", pdb.Status.DisruptedPods.Keys);
        Assert.Contains(pdb.Status.Conditions, c => c.Type == "DisruptionAllowed" && c.Status == "False" && c.Reason == "InsufficientPods");
    }

    [Fact]
    public async Task A_dry_run_checks_the_budget_but_spends_nothing()
    {
        AddRunningPod("web");
        AddBudget("web-pdb", disruptionsAllowed: 1);

        await EvictAsync("web", new V1DeleteOptions { DryRun = ["All"] });

        Assert.True(PodExists("web"));
        var pdb = await Client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("web-pdb", Namespace);
        Assert.Equal(1, pdb.Status.DisruptionsAllowed);
    }

    [Fact]
    public async Task An_unready_pod_is_evicted_without_spending_a_budget_that_is_met()
    {
        Server.Store.Create(Pod("web", InPhase("Running"), WithLabel("app", "web")));
        AddBudget("web-pdb", disruptionsAllowed: 0, desiredHealthy: 1, currentHealthy: 1);

        await EvictAsync("web");

        Assert.False(PodExists("web"));
    }

    [Fact]
    public async Task A_pending_pod_is_deleted_without_consulting_its_budget()
    {
        AddRunningPod("web", phase: "Pending");
        AddBudget("web-pdb", disruptionsAllowed: 0);

        await EvictAsync("web");

        Assert.False(PodExists("web"));
    }

    [Fact]
    public async Task Two_budgets_over_one_pod_is_500()
    {
        AddRunningPod("web");
        AddBudget("web-pdb", disruptionsAllowed: 1);
        AddBudget("web-pdb-2", disruptionsAllowed: 1);

        var status = await ApiErrors.ThrowsStatusAsync(HttpStatusCode.InternalServerError, () => EvictAsync("web"));

        Assert.Equal("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.", status.Message);
        Assert.True(PodExists("web"));
    }

    [Fact]
    public async Task A_budget_the_controller_has_not_observed_is_429_with_Retry_After_10()
    {
        AddRunningPod("web");
        AddBudget("web-pdb", disruptionsAllowed: 1);
        Server.Store.Modify(BuiltinResources.PodDisruptionBudgets, Namespace, "web-pdb", pdb =>
        {
            pdb["status"]!["observedGeneration"] = 0;
            return pdb;
        }, UpdateScope.Status);

        using var response = await PostEvictionAsync("web", EvictionBody("web"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        Assert.True(PodExists("web"));
    }

    [Fact]
    public async Task A_budget_that_selects_other_pods_does_not_apply()
    {
        Server.Store.Create(Pod("db", InPhase("Running"), Ready, WithLabel("app", "db")));
        AddBudget("web-pdb", disruptionsAllowed: 0);

        await EvictAsync("db");

        Assert.False(PodExists("db"));
    }
}
