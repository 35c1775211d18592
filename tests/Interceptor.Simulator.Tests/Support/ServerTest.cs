using k8s;
using Xunit;

namespace Interceptor.Simulator.Tests.Support;

/// <summary>
/// Base for tests: xunit makes one instance per test, so every test gets its own fresh server and
/// a real KubernetesClient talking to it over loopback HTTP.
/// </summary>
public abstract class ServerTest : IAsyncLifetime
{
    /// <summary>Upper bound for any single test's waiting, so a broken watch fails instead of hanging.</summary>
    protected static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(15);

    private readonly List<TestWebhook> _webhooks = [];
    private readonly List<TestCertificates> _certificates = [];

    private FakeApiServer? _server;
    private Kubernetes? _client;

    protected FakeApiServer Server => _server ?? throw new InvalidOperationException("server not started");

    protected Kubernetes Client => _client ?? throw new InvalidOperationException("server not started");

    /// <summary>Options for this test's server; override to shrink histories or speed up bookmarks.</summary>
    protected virtual FakeApiServerOptions Options => new();

    public virtual async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync(Options);
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        foreach (var webhook in _webhooks)
        {
            await webhook.DisposeAsync();
        }

        _certificates.ForEach(c => c.Dispose());
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected static CancellationTokenSource Deadline() => new(TestTimeout);

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds; fails with the last value after the test timeout.</summary>
    protected static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        using var deadline = Deadline();
        var last = await read();
        while (!done(last))
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"timed out waiting for {what}; last seen: {KubernetesJson.Serialize(last)}");
            }
            await Task.Delay(10);
            last = await read();
        }
        return last;
    }

    /// <summary>The test's own HTTPS webhook, serving a certificate for <paramref name="dnsNames"/> (127.0.0.1 by default); stopped with the test.</summary>
    protected async Task<(TestWebhook Webhook, TestCertificates Certificates)> StartWebhookAsync(params string[] dnsNames)
    {
        var certificates = TestCertificates.Create(dnsNames);
        _certificates.Add(certificates);
        var webhook = await TestWebhook.StartAsync(certificates);
        _webhooks.Add(webhook);
        return (webhook, certificates);
    }
}
