using Interceptor.Checkpoint.Archive;
using Interceptor.Checkpoint.Kubelet;
using Interceptor.Simulator.Nodes;
using Interceptor.Simulator.Tests.Support;
using k8s;
using Xunit;

namespace Interceptor.Simulator.Tests.Nodes;

public sealed class KubeletCheckpointTests : CheckpointTest
{
    [Fact]
    public async Task A_checkpoint_through_the_node_proxy_writes_an_archive_that_passes_the_archive_reader()
    {
        var node = await NodeWithReadyPodAsync("node-a", "web", new SimulatedNodeOptions { MemoryBytes = 3 << 20, RandomMemory = true });
        using var http = new HttpClient();

        var checkpoint = await ProxyClient(node, http).CheckpointAsync(App("web"), TimeSpan.FromSeconds(30));

        Assert.Equal(node.CheckpointDirectory, Path.GetDirectoryName(checkpoint.ArchivePath));
        Assert.Matches(@"^checkpoint-web_default-app-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.tar$", checkpoint.FileName);
        await using var file = File.OpenRead(checkpoint.ArchivePath);
        var archive = await new CheckpointArchiveReader().ReadAsync(file);
        Assert.Equal(CheckpointEngine.CriO, archive.Metadata.Engine);
        Assert.Equal(("web", "default", "app"), (archive.Metadata.PodName, archive.Metadata.PodNamespace, archive.Metadata.ContainerName));
        var pod = await Client.CoreV1.ReadNamespacedPodAsync("web", TestPods.Namespace);
        Assert.Equal(pod.Metadata.Uid, archive.Metadata.PodUid);
        Assert.Equal("cri-o://" + archive.Metadata.ContainerId, pod.Status.ContainerStatuses[0].ContainerID);
        Assert.Equal(3 << 20, archive.Sizes.PagesBytes);
        Assert.True(archive.CriuImageCount >= 2, "inventory and pages images");
        Assert.NotNull(await CheckpointedCounterAsync(checkpoint.ArchivePath));
    }

    [Fact]
    public async Task The_direct_kubelet_endpoint_checkpoints_over_HTTPS_for_the_real_client_with_the_right_token()
    {
        var node = await NodeWithReadyPodAsync("node-a", "web");
        var options = node.WriteClientOptions(Scratch) with { MaxAttempts = 1 };
        using var http = KubeletHttpClient.Create(options);

        var checkpoint = await new KubeletCheckpointClient(http, options).CheckpointAsync(App("web"), TimeSpan.FromSeconds(30));

        Assert.True(File.Exists(checkpoint.ArchivePath));
        await using var file = File.OpenRead(checkpoint.ArchivePath);
        Assert.Equal("app", (await new CheckpointArchiveReader().ReadAsync(file)).Metadata.ContainerName);
    }

    [Fact]
    public async Task The_direct_kubelet_endpoint_refuses_a_wrong_token_with_401()
    {
        var node = await NodeWithReadyPodAsync("node-a", "web");
        var options = node.WriteClientOptions(Scratch) with { MaxAttempts = 1 };
        await File.WriteAllTextAsync(options.TokenPath!, "not-the-token");
        using var http = KubeletHttpClient.Create(options);

        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(() =>
            new KubeletCheckpointClient(http, options).CheckpointAsync(App("web"), TimeSpan.FromSeconds(30)));

        Assert.Equal(KubeletFailureKind.Unauthorized, failure.Kind);
        Assert.Equal(401, failure.StatusCode);
    }

    public static TheoryData<string, string, int, string> KubeletRefusals => new()
    {
        { "an unknown pod", "checkpoint/default/nope/app?timeout=5", 404, "pod does not exist" },
        { "an unknown container", "checkpoint/default/web/sidecar?timeout=5", 404, "container sidecar does not exist" },
        { "a timeout that is not an integer", "checkpoint/default/web/app?timeout=1.5", 404, "cannot parse value of timeout parameter" },
        { "an unknown kubelet path", "pods", 404, "404 page not found" },
    };

    [Theory]
    [MemberData(nameof(KubeletRefusals))]
    public async Task The_kubelet_answers_like_the_real_one_to(string what, string path, int code, string message)
    {
        await NodeWithReadyPodAsync("node-a", "web");
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };

        using var response = await http.PostAsync($"api/v1/nodes/node-a/proxy/{path}", null);

        Assert.True((int)response.StatusCode == code, what);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_runtime_failure_is_a_500_the_client_calls_a_transient_RuntimeFailed()
    {
        var node = await NodeWithReadyPodAsync("node-a", "web", new SimulatedNodeOptions { CheckpointFault = CheckpointFault.RuntimeError });
        using var http = new HttpClient();

        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(() => ProxyClient(node, http).CheckpointAsync(App("web"), TimeSpan.FromSeconds(30)));

        Assert.Equal((KubeletFailureKind.RuntimeFailed, 500, true), (failure.Kind, failure.StatusCode, failure.IsTransient));
        Assert.Contains("checkpointing of default/web/app failed (rpc error: code = Unknown", failure.Message);
        Assert.Empty(Directory.GetFiles(node.CheckpointDirectory));
    }

    [Fact]
    public async Task A_dump_longer_than_the_timeout_ends_in_a_500_DeadlineExceeded_after_the_timeout()
    {
        var node = await NodeWithReadyPodAsync("node-a", "web", new SimulatedNodeOptions { MemoryBytes = 4 << 20, CheckpointTimePerMiB = TimeSpan.FromSeconds(1) });
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        var started = TimeProvider.System.GetTimestamp();

        using var response = await http.PostAsync("api/v1/nodes/node-a/proxy/checkpoint/default/web/app?timeout=1", null);

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("checkpointing of default/web/app failed (rpc error: code = DeadlineExceeded desc = context deadline exceeded)", await response.Content.ReadAsStringAsync());
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3.5));
        Assert.Empty(Directory.GetFiles(node.CheckpointDirectory));
    }

    [Fact]
    public async Task A_failed_node_is_503_through_the_proxy_and_unreachable_directly()
    {
        var node = await NodeWithReadyPodAsync("node-a", "web");
        var options = node.WriteClientOptions(Scratch) with { MaxAttempts = 1 };
        using var direct = KubeletHttpClient.Create(options);
        using var proxied = new HttpClient();

        await node.FailAsync();

        var throughProxy = await Assert.ThrowsAsync<KubeletCheckpointException>(() => ProxyClient(node, proxied).CheckpointAsync(App("web"), TimeSpan.FromSeconds(5)));
        Assert.Equal((KubeletFailureKind.Unavailable, 503), (throughProxy.Kind, throughProxy.StatusCode));
        var directly = await Assert.ThrowsAsync<KubeletCheckpointException>(() => new KubeletCheckpointClient(direct, options).CheckpointAsync(App("web"), TimeSpan.FromSeconds(5)));
        Assert.Equal(KubeletFailureKind.Unavailable, directly.Kind);

        await node.RecoverAsync();
        var checkpoint = await ProxyClient(node, proxied).CheckpointAsync(App("web"), TimeSpan.FromSeconds(5));
        Assert.True(File.Exists(checkpoint.ArchivePath));
    }

    [Fact]
    public async Task The_proxy_answers_404_for_a_node_that_is_not_simulated()
    {
        await Server.Nodes.AddAsync("node-a");
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };

        using var response = await http.PostAsync("api/v1/nodes/node-z/proxy/checkpoint/default/web/app", null);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Contains("nodes \\\"node-z\\\" not found", await response.Content.ReadAsStringAsync());
    }
}
