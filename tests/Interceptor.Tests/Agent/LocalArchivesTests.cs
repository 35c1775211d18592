using Interceptor.Agent;
using Interceptor.Checkpoint.Kubelet;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Interceptor.Tests.Agent;

/// <summary>
/// Clean-up removes this container's archives and never another's, though the kubelet gives two containers the
/// same file name; and a file-system error while cleaning up is logged, never thrown (issue 9, item 10).
/// </summary>
public sealed class LocalArchivesTests : IDisposable
{
    private const string Time = "2026-11-22T10:00:00Z";
    private static readonly ContainerRef XApp = new("prod", "web", "x-app");
    private static readonly ContainerRef App = new("prod-x", "web", "app");
    private readonly string _directory = Directory.CreateTempSubdirectory("local-archives-").FullName;
    private readonly RecordingLogger<LocalArchives> _log = new();

    private string Shared => Path.Combine(_directory, $"checkpoint-web_prod-x-app-{Time}.tar");

    [Fact]
    public async Task A_name_two_containers_share_is_removed_only_for_the_container_its_metadata_names()
    {
        await SimulatedKubelet.WriteArchiveOfAsync(Shared, App.Namespace, App.Pod, App.Container);

        Assert.Equal(0, Archives().RemoveFor(XApp));
        Assert.True(File.Exists(Shared), "web/prod/x-app's clean-up removed web/prod-x/app's archive");
        Assert.Contains(_log.Records, r => r.Message.Contains("prod-x/web/app", StringComparison.Ordinal));

        Assert.Equal(1, Archives().RemoveFor(App));
        Assert.False(File.Exists(Shared));
    }

    [Fact]
    public async Task A_shared_name_that_cannot_be_read_is_kept_unless_the_kubelet_reported_it_for_this_container()
    {
        await File.WriteAllTextAsync(Shared, "half a dump");

        Assert.Equal(0, Archives().RemoveFor(App));
        Assert.True(File.Exists(Shared));

        Assert.Equal(1, Archives().RemoveFor(App, reported: Shared));
        Assert.False(File.Exists(Shared));
    }

    [Fact]
    public async Task A_name_only_this_container_can_have_is_removed_by_name()
    {
        var own = Path.Combine(_directory, $"checkpoint-web_shop-app-{Time}.tar");
        var sidecar = Path.Combine(_directory, $"checkpoint-web_shop-app-sidecar-{Time}.tar");
        await File.WriteAllTextAsync(own, "half a dump");
        await File.WriteAllTextAsync(sidecar, "another container's");

        Assert.Equal(1, Archives().RemoveFor(new ContainerRef("shop", "web", "app")));
        Assert.False(File.Exists(own));
        Assert.True(File.Exists(sidecar));
    }

    [Fact]
    public async Task An_access_error_while_removing_is_logged_not_thrown()
    {
        var own = Path.Combine(_directory, $"checkpoint-web_shop-app-{Time}.tar");
        await File.WriteAllTextAsync(own, "half a dump");
        var archives = new LocalArchives(_directory, _directory, _log)
        {
            DeleteFile = path => throw new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
        };

        Assert.Equal(0, archives.RemoveFor(new ContainerRef("shop", "web", "app")));
        Assert.Contains(_log.Records, r => r.Level == LogLevel.Warning && r.Message.Contains("is denied", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private LocalArchives Archives() => new(_directory, _directory, _log);
}
