using Interceptor.Checkpoint.Images;
using Interceptor.Checkpoint.Registry;
using Interceptor.Checkpoint.Tests.Kubelet;
using Interceptor.Checkpoint.Tests.Support;
using WireMock.RequestBuilders;
using Xunit;
using static Interceptor.Checkpoint.Tests.Support.FakeRegistry;

namespace Interceptor.Checkpoint.Tests.Registry;

/// <summary>Registry faults through WireMock: what is retried, how often, and how each failure is classified.</summary>
public sealed class RegistryFaultTests
{
    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task A_server_that_keeps_failing_is_retried_to_the_limit_then_reported_transient(int status)
    {
        using var registry = new FakeRegistry().Answers(Head(BlobPath), status);

        var error = await Assert.ThrowsAsync<RegistryException>(() => registry.Client().BlobExistsAsync(Repository, Digest));

        Assert.Equal(RegistryFailureKind.Unavailable, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(3, registry.CallsTo("HEAD", "/blobs/"));
    }

    [Fact]
    public async Task One_server_error_then_success_costs_exactly_one_retry()
    {
        using var registry = new FakeRegistry().AnswersInOrder(Head(BlobPath), 503, 200);

        Assert.True(await registry.Client().BlobExistsAsync(Repository, Digest));
        Assert.Equal(2, registry.CallsTo("HEAD", "/blobs/"));
    }

    [Fact]
    public async Task A_401_without_credentials_is_terminal_after_one_request()
    {
        using var registry = new FakeRegistry().Answers(Head(BlobPath), 401, r => r.WithHeader("WWW-Authenticate", "Basic realm=\"registry\""));

        var error = await Assert.ThrowsAsync<RegistryException>(() => registry.Client().BlobExistsAsync(Repository, Digest));

        Assert.Equal(RegistryFailureKind.Unauthorized, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Contains("none are configured", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, registry.CallsTo("HEAD", "/blobs/"));
    }

    [Fact]
    public async Task Refused_credentials_are_terminal_and_not_retried()
    {
        using var registry = new FakeRegistry().Answers(Head(BlobPath), 401, r => r.WithHeader("WWW-Authenticate", "Basic realm=\"registry\""));
        var client = registry.Client(new RegistryOptions { Endpoint = registry.Address, Username = "u", Password = "wrong" });

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.BlobExistsAsync(Repository, Digest));

        Assert.Equal(RegistryFailureKind.Unauthorized, error.Kind);
        Assert.Equal(2, registry.CallsTo("HEAD", "/blobs/"));
    }

    [Fact]
    public async Task Basic_credentials_answer_the_challenge_once_and_are_sent_first_afterwards()
    {
        using var registry = new FakeRegistry()
            .Answers(Head(BlobPath).WithHeader("Authorization", "Basic dTpw"), 200, priority: 1)
            .Answers(Head(BlobPath), 401, r => r.WithHeader("WWW-Authenticate", "Basic realm=\"registry\""));
        var client = registry.Client(new RegistryOptions { Endpoint = registry.Address, Username = "u", Password = "p" });

        Assert.True(await client.BlobExistsAsync(Repository, Digest));
        Assert.True(await client.BlobExistsAsync(Repository, Digest));

        Assert.Equal(3, registry.CallsTo("HEAD", "/blobs/"));
    }

    [Fact]
    public async Task A_bearer_challenge_fetches_a_token_for_the_challenged_scope_with_the_credentials()
    {
        using var registry = new FakeRegistry();
        var challenge = $"Bearer realm=\"{registry.Address}token\",service=\"fake-registry\",scope=\"repository:{Repository}:pull,push\"";
        registry
            .Answers(Head(BlobPath).WithHeader("Authorization", "Bearer tok-1"), 200, priority: 1)
            .Answers(Head(BlobPath), 401, r => r.WithHeader("WWW-Authenticate", challenge))
            .Answers(Request.Create().WithPath("/token").UsingGet()
                .WithParam("service", "fake-registry").WithParam("scope", $"repository:{Repository}:pull,push")
                .WithHeader("Authorization", "Basic dTpw"), 200, r => r.WithBody("""{"token":"tok-1","expires_in":300}"""));
        var client = registry.Client(new RegistryOptions { Endpoint = registry.Address, Username = "u", Password = "p" });

        Assert.True(await client.BlobExistsAsync(Repository, Digest));
        Assert.Equal(1, registry.CallsTo("GET", "/token"));
        Assert.Equal(2, registry.CallsTo("HEAD", "/blobs/"));
    }

    [Fact]
    public async Task A_registry_that_answers_too_late_is_a_transient_timeout_after_every_attempt()
    {
        using var registry = new FakeRegistry().Answers(Head(BlobPath), 200, r => r.WithDelay(TimeSpan.FromSeconds(1)));
        var client = registry.Client(new RegistryOptions { Endpoint = registry.Address, AttemptTimeout = TimeSpan.FromMilliseconds(300), MaxAttempts = 2 });

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.BlobExistsAsync(Repository, Digest));

        Assert.Equal(RegistryFailureKind.Timeout, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal(2, await registry.CallsOnceAtLeastAsync(2, TimeSpan.FromSeconds(1.2), "HEAD", "/blobs/"));
    }

    [Fact]
    public async Task A_body_that_trickles_past_the_attempt_timeout_is_a_timeout_too()
    {
        await using var trickling = RawKubelet.TricklingBody(TimeSpan.FromMilliseconds(200));
        var options = new RegistryOptions { Endpoint = trickling.Address, AttemptTimeout = TimeSpan.FromMilliseconds(600), MaxAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1) };
        var client = new RegistryClient(RegistryHttpClient.Create(options), options);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.GetManifestAsync(Repository, "latest"));

        Assert.Equal(RegistryFailureKind.Timeout, error.Kind);
        Assert.Equal(2, trickling.Connections);
    }

    [Fact]
    public async Task Reset_connections_are_retried_then_reported_unavailable()
    {
        await using var resetting = RawKubelet.Resetting();
        var options = new RegistryOptions { Endpoint = resetting.Address, RetryBaseDelay = TimeSpan.FromMilliseconds(1) };
        var client = new RegistryClient(RegistryHttpClient.Create(options), options);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.BlobExistsAsync(Repository, Digest));

        Assert.Equal(RegistryFailureKind.Unavailable, error.Kind);
        Assert.Equal(3, resetting.Connections);
    }

    [Fact]
    public async Task A_manifest_digest_the_registry_computed_differently_is_terminal_and_not_retried()
    {
        using var registry = new FakeRegistry().Answers(Put(ManifestPath("latest")), 201, r => r.WithHeader("Docker-Content-Digest", Digest));

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            registry.Client().PutManifestAsync(Repository, "latest", "{}"u8.ToArray(), OciMediaTypes.ImageManifest));

        Assert.Equal(RegistryFailureKind.DigestMismatch, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Equal(1, registry.CallsTo("PUT", "/manifests/"));
    }

    [Fact]
    public async Task A_blob_the_registry_rejects_as_digest_invalid_is_terminal_and_not_retried()
    {
        using var registry = new FakeRegistry()
            .Answers(Request.Create().WithPath($"/v2/{Repository}/blobs/*").UsingHead(), 404)
            .Answers(Request.Create().WithPath(UploadsPath).UsingPost(), 202, r => r.WithHeader("Location", $"{UploadsPath}session-1"))
            .Answers(Put($"{UploadsPath}session-1"), 400, r => r.WithBody("""{"errors":[{"code":"DIGEST_INVALID","message":"provided digest did not match uploaded content"}]}"""));

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            registry.Client().PushBlobAsync(Repository, "{}"u8.ToArray(), OciMediaTypes.ImageConfig));

        Assert.Equal(RegistryFailureKind.DigestMismatch, error.Kind);
        Assert.Contains("DIGEST_INVALID", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, registry.CallsTo("PUT", "/uploads/"));
    }

    [Fact]
    public async Task A_chunk_the_registry_holds_at_another_offset_is_upload_lost_and_not_resent()
    {
        using var registry = new FakeRegistry()
            .Answers(Request.Create().WithPath(UploadsPath).UsingPost(), 202, r => r.WithHeader("Location", $"{UploadsPath}session-1"))
            .Answers(Request.Create().WithPath($"{UploadsPath}session-1").UsingPatch(), 416)
            .Answers(Request.Create().WithPath($"{UploadsPath}session-1").UsingDelete(), 204);
        var client = registry.Client(new RegistryOptions { Endpoint = registry.Address, ChunkSizeBytes = 64 * 1024 });

        var upload = await client.StartUploadAsync(Repository);
        var error = await Assert.ThrowsAsync<RegistryException>(async () =>
        {
            await upload.WriteAsync(new byte[64 * 1024]);
            await upload.CompleteAsync(Digest, OciMediaTypes.Layer);
        });
        await upload.DisposeAsync();

        Assert.Equal(RegistryFailureKind.UploadLost, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal(1, registry.CallsTo("PATCH", "/uploads/"));
        Assert.Equal(1, registry.CallsTo("DELETE", "/uploads/"));
    }

    [Fact]
    public async Task A_registry_without_deletes_says_so_clearly_and_terminally()
    {
        using var registry = new FakeRegistry().Answers(Request.Create().WithPath(ManifestPath(Digest)).UsingDelete(), 405,
            r => r.WithBody("""{"errors":[{"code":"UNSUPPORTED","message":"The operation is unsupported."}]}"""));

        var error = await Assert.ThrowsAsync<RegistryException>(() => registry.Client().DeleteManifestAsync(Repository, Digest));

        Assert.Equal(RegistryFailureKind.Unsupported, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Contains("storage.delete.enabled", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, registry.CallsTo("DELETE", "/manifests/"));
    }
}
