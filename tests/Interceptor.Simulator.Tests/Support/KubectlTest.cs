using k8s;
using Xunit;

namespace Interceptor.Simulator.Tests.Support;

/// <summary>A fresh HTTPS fake server per test, a kubeconfig for it and the real kubectl to run against it.</summary>
public abstract class KubectlTest : IAsyncLifetime
{
    /// <summary>Upper bound for one kubectl run that should answer at once.</summary>
    protected static readonly TimeSpan Quick = TimeSpan.FromSeconds(30);

    private FakeApiServer? _server;
    private Kubectl? _kubectl;
    private Kubernetes? _client;

    protected FakeApiServer Server => _server ?? throw new InvalidOperationException("server not started");

    protected Kubernetes Client => _client ?? throw new InvalidOperationException("server not started");

    protected Kubectl Kubectl => _kubectl ?? throw new InvalidOperationException("server not started");

    /// <summary>This test's server; HTTPS, because kubectl verifies the server's certificate.</summary>
    protected virtual FakeApiServerOptions Options => new() { UseHttps = true };

    public virtual async Task InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync(Options);
        _client = _server.CreateClient();
        _kubectl = Kubectl.For(_server);
    }

    public virtual async Task DisposeAsync()
    {
        _kubectl?.Dispose();
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Runs kubectl and fails with everything it printed when it exits non-zero.</summary>
    protected async Task<string> SucceedsAsync(params string[] args)
    {
        var result = await Kubectl.RunAsync(Quick, args);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {result}");
        return result.Stdout;
    }
}
