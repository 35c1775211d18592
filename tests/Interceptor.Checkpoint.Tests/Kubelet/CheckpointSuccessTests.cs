using Interceptor.Checkpoint.Kubelet;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Kubelet;

/// <summary>The happy path: what is sent (method, path, timeout, token) and what comes back.</summary>
public sealed class CheckpointSuccessTests : IDisposable
{
    private readonly FakeKubelet _kubelet = new();
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("kubelet-token-");

    [Fact]
    public async Task A_200_with_one_item_returns_that_archive_path_after_one_request()
    {
        _kubelet.AnswersSuccess();

        var checkpoint = await _kubelet.Client().CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(30));

        Assert.Equal(FakeKubelet.ArchivePath, checkpoint.ArchivePath);
        Assert.Equal("checkpoint-web-0_shop-app-2026-11-22T15:00:00Z.tar", checkpoint.FileName);
        Assert.Equal(FakeKubelet.Web, checkpoint.Container);
        Assert.Equal(1, checkpoint.Attempts);
        var request = Assert.Single(_kubelet.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(FakeKubelet.CheckpointPath, request.Path);
        Assert.Equal("30", request.Query!["timeout"].Single());
    }

    [Theory]
    [InlineData(0.2, "1")]
    [InlineData(1.0, "1")]
    [InlineData(1.001, "2")]
    [InlineData(29.5, "30")]
    [InlineData(120.0, "120")]
    public async Task The_timeout_is_sent_in_whole_seconds_rounded_up(double seconds, string expected)
    {
        _kubelet.AnswersSuccess();

        await _kubelet.Client().CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, Assert.Single(_kubelet.Requests).Query!["timeout"].Single());
    }

    [Fact]
    public async Task The_bearer_token_is_read_from_its_file_and_a_rotated_token_is_sent_on_the_next_call()
    {
        _kubelet.AnswersSuccess();
        var tokenPath = Path.Combine(_scratch.FullName, "token");
        var client = _kubelet.Client(new KubeletClientOptions { TokenPath = tokenPath });

        await File.WriteAllTextAsync(tokenPath, "first.token.value\n");
        await client.CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(5));
        await File.WriteAllTextAsync(tokenPath, "rotated.token.value");
        await client.CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(5));

        var sent = _kubelet.Requests.Select(r => r.Headers!["Authorization"].Single()).ToList();
        Assert.Equal(["Bearer first.token.value", "Bearer rotated.token.value"], sent);
    }

    [Fact]
    public async Task Without_a_token_path_no_authorization_header_is_sent()
    {
        _kubelet.AnswersSuccess();

        await _kubelet.Client().CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(5));

        Assert.False(Assert.Single(_kubelet.Requests).Headers!.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task A_base_address_with_a_path_prefix_keeps_the_prefix()
    {
        _kubelet.Server
            .Given(WireMock.RequestBuilders.Request.Create().WithPath("/api/v1/nodes/node-1/proxy/checkpoint/shop/web-0/app").UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBody(FakeKubelet.Items(FakeKubelet.ArchivePath)));
        var options = _kubelet.ForThisKubelet() with { BaseAddress = new Uri(_kubelet.Address, "/api/v1/nodes/node-1/proxy") };
        var client = new KubeletCheckpointClient(new HttpClient(), options);

        var checkpoint = await client.CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(5));

        Assert.Equal(FakeKubelet.ArchivePath, checkpoint.ArchivePath);
    }

    [Fact]
    public async Task A_custom_checkpoint_directory_is_where_the_archive_must_be()
    {
        const string path = "/srv/kubelet/checkpoints/checkpoint-web-0_shop-app-2026-11-22T15:00:00Z.tar";
        _kubelet.Answers(200, FakeKubelet.Items(path));
        var options = new KubeletClientOptions { TokenPath = null, CheckpointDirectory = "/srv/kubelet/checkpoints/" };

        var checkpoint = await _kubelet.Client(options).CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(5));

        Assert.Equal(path, checkpoint.ArchivePath);
    }

    public void Dispose()
    {
        _kubelet.Dispose();
        _scratch.Delete(recursive: true);
    }
}
