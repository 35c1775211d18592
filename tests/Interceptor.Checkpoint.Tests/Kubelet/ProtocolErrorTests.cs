using Interceptor.Checkpoint.Kubelet;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Kubelet;

/// <summary>
/// A 200 whose body is not one acceptable archive path of this container is a protocol error:
/// terminal, never retried, and no path is returned for the agent to read.
/// </summary>
public sealed class ProtocolErrorTests : IDisposable
{
    private const string Dir = "/var/lib/kubelet/checkpoints/";
    private const string Time = "2026-11-22T15:00:00Z";

    private readonly FakeKubelet _kubelet = new();

    public static TheoryData<string, string, string> Bodies => new()
    {
        { "malformed JSON", "{\"items\": [", "not JSON" },
        { "an empty body", "", "not JSON" },
        { "a JSON array instead of an object", "[]", "no \"items\" array" },
        { "no items field", "{\"paths\": []}", "no \"items\" array" },
        { "items that is not an array", "{\"items\": \"x\"}", "no \"items\" array" },
        { "no item", "{\"items\": []}", "exactly one item" },
        { "two items for one container", FakeKubelet.Items(FakeKubelet.ArchivePath, FakeKubelet.ArchivePath), "exactly one item" },
        { "an item that is a number", "{\"items\": [42]}", "not a path" },
        { "a relative path", FakeKubelet.Items($"checkpoint-web-0_shop-app-{Time}.tar"), "not an absolute path" },
        { "a path outside the checkpoint directory", FakeKubelet.Items($"/var/lib/other/checkpoint-web-0_shop-app-{Time}.tar"), "not directly inside" },
        { "a path in a subdirectory", FakeKubelet.Items($"{Dir}x/checkpoint-web-0_shop-app-{Time}.tar"), "not directly inside" },
        { "a path climbing out with ..", FakeKubelet.Items($"{Dir}../checkpoints/checkpoint-web-0_shop-app-{Time}.tar"), "'..' segment" },
        { "a doubled slash", FakeKubelet.Items($"{Dir}/checkpoint-web-0_shop-app-{Time}.tar"), "empty" },
        { "a file that is not a .tar", FakeKubelet.Items($"{Dir}checkpoint-web-0_shop-app-{Time}.tar.gz"), "not a .tar" },
        { "another container's archive", FakeKubelet.Items($"{Dir}checkpoint-web-0_shop-sidecar-{Time}.tar"), "does not name this container" },
        { "another pod's archive", FakeKubelet.Items($"{Dir}checkpoint-web-1_shop-app-{Time}.tar"), "does not name this container" },
        { "a name without a time", FakeKubelet.Items($"{Dir}checkpoint-web-0_shop-app-.tar"), "does not name this container" },
        { "a control character in the path", FakeKubelet.Items($"{Dir}checkpoint-web-0_shop-app-{Time}\n.tar"), "control characters" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task An_unacceptable_200_body_is_a_protocol_error_sent_once(string because, string body, string detailMentions)
    {
        _kubelet.Answers(200, body);

        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(
            () => _kubelet.Client().CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(30)));

        Assert.True(failure.Kind == KubeletFailureKind.ProtocolError, because);
        Assert.False(failure.IsTransient);
        Assert.Contains(detailMentions, failure.Detail, StringComparison.Ordinal);
        Assert.Equal(1, _kubelet.Calls);
    }

    [Fact]
    public async Task A_body_over_the_cap_is_a_protocol_error()
    {
        _kubelet.Answers(200, FakeKubelet.Items(FakeKubelet.ArchivePath) + new string(' ', 2048));
        var options = new KubeletClientOptions { TokenPath = null, MaxResponseBytes = 1024 };

        var failure = await Assert.ThrowsAsync<KubeletCheckpointException>(
            () => _kubelet.Client(options).CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(30)));

        Assert.Equal(KubeletFailureKind.ProtocolError, failure.Kind);
        Assert.Contains("longer than 1024 bytes", failure.Detail, StringComparison.Ordinal);
    }

    public void Dispose() => _kubelet.Dispose();
}
