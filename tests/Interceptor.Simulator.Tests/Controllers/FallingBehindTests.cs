using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Tests.Support;
using Microsoft.Extensions.Logging;
using k8s;
using Xunit;

namespace Interceptor.Simulator.Tests.Controllers;

/// <summary>
/// Controllers whose watches the store keeps closing (a watch buffer of 2 events) still converge: each reopened
/// watch lists again and the controller resyncs, as an informer relists.
/// </summary>
public sealed class FallingBehindTests : ControllerTest
{
    private readonly CapturedLog _log = new();

    protected override FakeApiServerOptions Options => new()
    {
        Controllers = SimulatedControllers.All,
        WatchBufferSize = 2,
        ConfigureLogging = logging => logging.AddProvider(_log),
    };

    [Fact]
    public async Task A_replicaset_is_filled_bound_and_collected_even_when_its_watches_fall_behind()
    {
        Server.Store.Create(Node("n1"));
        Server.Store.Create(Node("n2"));
        await Client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("web", 40), TestPods.Namespace);

        var pods = await EventuallyAsync(() => PodsAsync(), p => p.Count == 40 && p.All(x => x.Spec.NodeName is not null), "40 bound pods");
        await Client.AppsV1.DeleteNamespacedReplicaSetAsync("web", TestPods.Namespace);
        await EventuallyAsync(() => PodsAsync(), p => p.Count == 0, "the pods collected");

        Assert.Equal([20, 20], pods.GroupBy(p => p.Spec.NodeName).Select(g => g.Count()));
        Assert.Contains(_log.Messages, m => m.StartsWith("Watch of pods fell behind", StringComparison.Ordinal));
    }

    /// <summary>Keeps the server's warnings, to show the watches really were closed and reopened.</summary>
    private sealed class CapturedLog : ILoggerProvider, ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _messages.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose() => _messages.Clear();
    }
}
