using Interceptor.Checkpoint.Kubelet;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Kubelet;

/// <summary>
/// What the caller passes is checked before anything is sent: names that cannot name a container,
/// timeouts the kubelet cannot be given, options that cannot work.
/// </summary>
public sealed class InputValidationTests : IDisposable
{
    private readonly FakeKubelet _kubelet = new();

    public static TheoryData<string, ContainerRef> InvalidNames => new()
    {
        { "an empty namespace", new ContainerRef("", "web-0", "app") },
        { "an upper-case namespace", new ContainerRef("Shop", "web-0", "app") },
        { "a namespace with a slash", new ContainerRef("shop/x", "web-0", "app") },
        { "a namespace of 64 characters", new ContainerRef(new string('a', 64), "web-0", "app") },
        { "a pod name climbing the path", new ContainerRef("shop", "..", "app") },
        { "a pod name with an escaped slash", new ContainerRef("shop", "web%2F0", "app") },
        { "a pod name ending in a dash", new ContainerRef("shop", "web-", "app") },
        { "a pod name with an empty label", new ContainerRef("shop", "web..0", "app") },
        { "a pod name of 254 characters", new ContainerRef("shop", new string('a', 254), "app") },
        { "a container name with a dot", new ContainerRef("shop", "web-0", "app.v2") },
        { "a container name with a query", new ContainerRef("shop", "web-0", "app?timeout=0") },
        { "a container name with a trailing newline", new ContainerRef("shop", "web-0", "app\n") },
    };

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public async Task An_invalid_name_is_refused_before_any_request(string because, ContainerRef container)
    {
        _kubelet.AnswersSuccess();

        var refused = await Assert.ThrowsAsync<ArgumentException>(
            () => _kubelet.Client().CheckpointAsync(container, TimeSpan.FromSeconds(5)));

        Assert.Equal("container", refused.ParamName);
        Assert.True(_kubelet.Calls == 0, because);
    }

    [Theory]
    [InlineData("a dotted pod name", "web.v2-0")]
    [InlineData("a pod name of 253 characters", null)]
    public async Task Valid_pod_subdomains_are_accepted(string because, string? pod)
    {
        pod ??= string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..253];
        var archive = $"/var/lib/kubelet/checkpoints/checkpoint-{pod}_shop-app-2026-11-22T15:00:00Z.tar";
        _kubelet.Server
            .Given(Request.Create().WithPath($"/checkpoint/shop/{pod}/app").UsingPost())
            .RespondWith(Response.Create().WithBody(FakeKubelet.Items(archive)));

        var checkpoint = await _kubelet.Client().CheckpointAsync(new ContainerRef("shop", pod, "app"), TimeSpan.FromSeconds(5));

        Assert.True(checkpoint.ArchivePath == archive, because);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(86_400.0)]
    public async Task A_timeout_that_is_not_positive_or_is_absurd_is_refused_before_any_request(double seconds)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => _kubelet.Client().CheckpointAsync(FakeKubelet.Web, TimeSpan.FromSeconds(seconds)));

        Assert.Equal(0, _kubelet.Calls);
    }

    public static TheoryData<string, KubeletClientOptions> InvalidOptions => new()
    {
        { "a relative base address", new KubeletClientOptions { BaseAddress = new Uri("kubelet", UriKind.Relative) } },
        { "a base address that is not http(s)", new KubeletClientOptions { BaseAddress = new Uri("ftp://127.0.0.1/") } },
        { "a relative checkpoint directory", new KubeletClientOptions { CheckpointDirectory = "checkpoints" } },
        { "a CA file and insecure skip verify together", new KubeletClientOptions { CertificateAuthorityPath = "ca.pem", InsecureSkipTlsVerify = true } },
        { "zero attempts", new KubeletClientOptions { MaxAttempts = 0 } },
        { "eleven attempts", new KubeletClientOptions { MaxAttempts = 11 } },
        { "a negative margin", new KubeletClientOptions { TimeoutMargin = TimeSpan.FromSeconds(-1) } },
        { "a max delay below the base delay", new KubeletClientOptions { RetryMaxDelay = TimeSpan.FromMilliseconds(10) } },
        { "a zero body cap", new KubeletClientOptions { MaxResponseBytes = 0 } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Options_that_cannot_work_are_refused_when_the_client_is_made(string because, KubeletClientOptions options)
    {
        var refused = Record.Exception(() => new KubeletCheckpointClient(new HttpClient(), options));

        Assert.True(refused is ArgumentException, because);
    }

    public void Dispose() => _kubelet.Dispose();
}
