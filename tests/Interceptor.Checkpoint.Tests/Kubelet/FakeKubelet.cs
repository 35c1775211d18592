using Interceptor.Checkpoint.Kubelet;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Interceptor.Checkpoint.Tests.Kubelet;

/// <summary>
/// A kubelet played by WireMock.Net on loopback: answers the checkpoint path as told and records
/// every request, so tests assert on how often the client called and what it sent.
/// </summary>
internal sealed class FakeKubelet : IDisposable
{
    public static readonly ContainerRef Web = new("shop", "web-0", "app");

    public const string ArchivePath = "/var/lib/kubelet/checkpoints/checkpoint-web-0_shop-app-2026-11-22T15:00:00Z.tar";

    public const string CheckpointPath = "/checkpoint/shop/web-0/app";

    public FakeKubelet(WireMockServerSettings? settings = null)
    {
        Server = WireMockServer.Start(settings ?? new WireMockServerSettings());
    }

    public WireMockServer Server { get; }

    public Uri Address => new(Server.Url!);

    public static string Items(params string[] paths) =>
        System.Text.Json.JsonSerializer.Serialize(new { items = paths });

    public IReadOnlyList<IRequestMessage> Requests => Server.LogEntries.Select(entry => entry.RequestMessage!).ToList();

    public int Calls => Server.LogEntries.Count();

    /// <summary>Every checkpoint request gets this answer.</summary>
    public FakeKubelet Answers(int status, string body, TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(status).WithBody(body);
        Server.Given(CheckpointRequest()).RespondWith(delay is { } d ? response.WithDelay(d) : response);
        return this;
    }

    public FakeKubelet AnswersSuccess() => Answers(200, Items(ArchivePath));

    /// <summary>The n-th request gets the n-th answer; the last one repeats.</summary>
    public FakeKubelet AnswersInOrder(params (int Status, string Body)[] answers)
    {
        for (var i = 0; i < answers.Length; i++)
        {
            var step = Server.Given(CheckpointRequest()).InScenario("sequence");
            step = i == 0 ? step : step.WhenStateIs($"after {i}");
            step = i == answers.Length - 1 ? step : step.WillSetStateTo($"after {i + 1}");
            step.RespondWith(Response.Create().WithStatusCode(answers[i].Status).WithBody(answers[i].Body));
        }

        return this;
    }

    public KubeletCheckpointClient Client(KubeletClientOptions? options = null, TimeProvider? time = null) =>
        new(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, ForThisKubelet(options), time);

    /// <summary>Options pointing at this kubelet; no token unless the test gives a token path.</summary>
    public KubeletClientOptions ForThisKubelet(KubeletClientOptions? options = null) =>
        (options ?? new KubeletClientOptions { TokenPath = null }) with { BaseAddress = Address };

    public void Dispose() => Server.Stop();

    private static IRequestBuilder CheckpointRequest() => Request.Create().WithPath(CheckpointPath).UsingPost();
}
