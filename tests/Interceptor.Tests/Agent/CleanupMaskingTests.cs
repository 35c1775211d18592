using Interceptor.Agent;
using Interceptor.Api;
using Interceptor.Checkpoint.Kubelet;
using Interceptor.Checkpoint.Transfer;
using Interceptor.Diagnostics;
using Xunit;

namespace Interceptor.Tests.Agent;

/// <summary>
/// The clean-up in <see cref="ContainerCheckpointer"/>'s <c>finally</c> cannot replace the error that ended the
/// checkpoint (issue 9, item 10): the kubelet's failure is what the step reports, the access error is logged.
/// </summary>
public sealed class CleanupMaskingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cleanup-masking-").FullName;
    private readonly RecordingLogger<LocalArchives> _log = new();

    [Fact]
    public async Task An_access_error_while_cleaning_up_does_not_hide_the_kubelet_failure()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "checkpoint-web-0_shop-app-2026-11-22T10:00:00Z.tar"), "half a dump");
        var archives = new LocalArchives(_directory, _directory, _log)
        {
            DeleteFile = path => throw new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
        };
        var checkpointer = new ContainerCheckpointer(new FailingKubelet(), new EmptyTransfer(), archives, new InterceptorMetrics(), TimeProvider.System, TimeSpan.FromSeconds(5));
        var migration = new AgentMigration("shop", "m", "uid", 1, "web-0", "pod-uid", "node-a", MigrationPhases.Checkpointing, 1, ["app"], new HashSet<string>(), null);

        var error = await Assert.ThrowsAsync<AgentStepException>(() => checkpointer.RunAsync(migration, "app", CancellationToken.None));

        Assert.IsType<KubeletCheckpointException>(error.InnerException);
        Assert.Contains(_log.Records, r => r.Message.Contains("is denied", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class FailingKubelet : IKubeletCheckpointClient
    {
        public Task<KubeletCheckpoint> CheckpointAsync(ContainerRef container, TimeSpan checkpointTimeout, CancellationToken cancellationToken = default) =>
            throw new KubeletCheckpointException(KubeletFailureKind.RuntimeFailed, container, "CRIU dump failed", 500);
    }

    private sealed class EmptyTransfer : ICheckpointTransfer
    {
        public string Kind => "none";

        public Task<PublishedCheckpoint> PublishAsync(CheckpointPublication publication, CancellationToken cancellationToken) => throw new InvalidOperationException("not reached");

        public Task<PublishedCheckpoint?> FindAsync(CheckpointDestination destination, CancellationToken cancellationToken) => Task.FromResult<PublishedCheckpoint?>(null);

        public Task DeleteAsync(PublishedCheckpoint published, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
