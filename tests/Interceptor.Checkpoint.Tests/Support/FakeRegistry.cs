using Interceptor.Checkpoint.Registry;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Interceptor.Checkpoint.Tests.Support;

/// <summary>
/// A registry played by WireMock.Net on loopback, for faults a real registry will not produce on
/// demand. It records every request, so tests assert how often the client called (retries only where
/// they belong).
/// </summary>
internal sealed class FakeRegistry : IDisposable
{
    public const string Repository = "shop/ckpt";

    public static readonly string Digest = "sha256:" + new string('a', 64);

    public WireMockServer Server { get; } = WireMockServer.Start();

    public Uri Address => new(Server.Url!);

    public IReadOnlyList<IRequestMessage> Requests => Server.LogEntries.Select(entry => entry.RequestMessage!).ToList();

    public int CallsTo(string method, string pathPart) =>
        Requests.Count(r => r.Method == method && r.Path.Contains(pathPart, StringComparison.Ordinal));

    /// <summary>
    /// The count once delayed answers went out: WireMock logs a request only after answering it, so a
    /// request the client abandoned on its timeout shows up when WireMock's delay ends.
    /// </summary>
    public async Task<int> CallsAfterAsync(TimeSpan settle, string method, string pathPart)
    {
        await Task.Delay(settle);
        return CallsTo(method, pathPart);
    }

    /// <summary>
    /// The calls once at least <paramref name="atLeast"/> arrived (WireMock logs a call when it has answered, and a
    /// delayed answer on a loaded machine comes late), then a further <paramref name="settle"/> for any extra call.
    /// </summary>
    public async Task<int> CallsOnceAtLeastAsync(int atLeast, TimeSpan settle, string method, string pathPart)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (CallsTo(method, pathPart) < atLeast && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return await CallsAfterAsync(settle, method, pathPart);
    }

    public static string BlobPath => $"/v2/{Repository}/blobs/{Digest}";

    public static string ManifestPath(string reference) => $"/v2/{Repository}/manifests/{reference}";

    public static string UploadsPath => $"/v2/{Repository}/blobs/uploads/";

    /// <summary>Every matching request gets this answer.</summary>
    public FakeRegistry Answers(IRequestBuilder request, int status, Action<IResponseBuilder>? shape = null, int priority = 10)
    {
        var response = Response.Create().WithStatusCode(status);
        shape?.Invoke(response);
        Server.Given(request).AtPriority(priority).RespondWith(response);
        return this;
    }

    /// <summary>The n-th matching request gets the n-th status; the last one repeats.</summary>
    public FakeRegistry AnswersInOrder(IRequestBuilder request, params int[] statuses)
    {
        for (var i = 0; i < statuses.Length; i++)
        {
            var step = Server.Given(request).InScenario("sequence");
            step = i == 0 ? step : step.WhenStateIs($"after {i}");
            step = i == statuses.Length - 1 ? step : step.WillSetStateTo($"after {i + 1}");
            step.RespondWith(Response.Create().WithStatusCode(statuses[i]));
        }

        return this;
    }

    /// <summary>Options for this registry: fast retries so tests do not wait on backoff.</summary>
    public RegistryOptions Options(RegistryOptions? options = null) =>
        (options ?? new RegistryOptions { Endpoint = Address }) with
        {
            Endpoint = Address,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        };

    public RegistryClient Client(RegistryOptions? options = null)
    {
        var resolved = Options(options);
        return new RegistryClient(RegistryHttpClient.Create(resolved), resolved);
    }

    public static IRequestBuilder Head(string path) => Request.Create().WithPath(path).UsingHead();

    public static IRequestBuilder Put(string path) => Request.Create().WithPath(path).UsingPut();

    public void Dispose() => Server.Stop();
}
