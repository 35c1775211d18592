using Interceptor.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Interceptor.Tests.Admission;

/// <summary>Over a thousand generated malformed and hostile requests: every one refused with a 4xx, the server unharmed.</summary>
public sealed class HostileRequestTests(WebhookFixture fixture, ITestOutputHelper output) : IClassFixture<WebhookFixture>
{
    // Every case is also malformed for the pod endpoint (an Eviction where a Pod belongs, at the least), and both share one edge.
    [Theory]
    [InlineData(Interceptor.Admission.EvictionAdmissionEndpoint.Path)]
    [InlineData(Interceptor.Admission.PodAdmissionEndpoint.Path)]
    public async Task Every_hostile_request_gets_a_4xx_and_the_server_stays_healthy(string path)
    {
        var cases = HostileRequests.All().ToList();
        Assert.True(cases.Count >= 1000, $"only {cases.Count} cases generated");

        var answers = new System.Collections.Concurrent.ConcurrentBag<(HostileRequests.Case Case, int Status)>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, ct) =>
        {
            using var response = await fixture.Host.Webhook.PostAsync(path, AdmissionReviews.Json(c.Body, c.ContentType), ct);
            answers.Add((c, (int)response.StatusCode));
        });

        var wrong = answers.Where(a => a.Status is < 400 or >= 500).ToList();
        foreach (var group in answers.GroupBy(a => (a.Case.Kind.Split(' ')[0], a.Status)).OrderBy(g => g.Key.Item1))
        {
            output.WriteLine($"{group.Key.Item1,-14} -> {group.Key.Status}: {group.Count()}");
        }

        Assert.True(wrong.Count == 0, "not refused with a 4xx: " + string.Join("; ", wrong.Take(10).Select(w => $"{w.Case.Kind} -> {w.Status}")));
        Assert.Contains(answers, a => a.Status == 413);
        Assert.Contains(answers, a => a.Status == 415);
        Assert.Contains(answers, a => a.Status == 400);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await fixture.Host.Health.GetAsync("/healthz")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await fixture.Host.Health.GetAsync("/readyz")).StatusCode);
        var (status, _) = await AdmissionReviews.PostAsync(fixture.Host.Webhook, AdmissionReviews.Eviction("shop", "still-serving"));
        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("text/plain", 415)]
    [InlineData("application/json; charset=utf-8", 200)]
    [InlineData("APPLICATION/JSON", 200)]
    public async Task The_content_type_must_be_json(string contentType, int expected)
    {
        var review = AdmissionReviews.Eviction("shop", "ct-check").ToJsonString();
        using var response = await fixture.Host.Webhook.PostAsync("/validate/eviction", AdmissionReviews.Json(review, contentType));
        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_refusal_is_a_problem_description_naming_the_broken_rules()
    {
        var review = AdmissionReviews.Eviction("shop", "web-0");
        review["request"]!["operation"] = "DELETE";
        review["request"]!["subResource"] = "status";

        using var response = await fixture.Host.Webhook.PostAsync("/validate/eviction", AdmissionReviews.Json(review.ToJsonString()));
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = body["errors"]!.AsArray().Select(e => (string)e!).ToList();
        Assert.Contains(errors, e => e.Contains("request.operation", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("request.subResource", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_over_the_cap_is_refused_with_413_even_when_chunked()
    {
        var huge = new string(' ', 300 * 1024) + AdmissionReviews.Eviction("shop", "web-0").ToJsonString();
        using var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(huge)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/validate/eviction") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await fixture.Host.Webhook.SendAsync(request);

        Assert.Equal(413, (int)response.StatusCode);
    }
}
