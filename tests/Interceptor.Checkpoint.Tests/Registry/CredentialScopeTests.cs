using Interceptor.Checkpoint.Images;
using Interceptor.Checkpoint.Registry;
using Interceptor.Checkpoint.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.Server;
using Xunit;
using static Interceptor.Checkpoint.Tests.Support.FakeRegistry;

namespace Interceptor.Checkpoint.Tests.Registry;

/// <summary>
/// Credentials, tokens and cached Authorization headers stay with the registry (issue 9, item 8): an upload
/// Location on another origin and a token realm on another host or on plain http get none of them.
/// </summary>
public sealed class CredentialScopeTests : IDisposable
{
    private const string Basic = "Basic dTpw"; // u:p
    private readonly FakeRegistry _registry = new();
    private readonly WireMockServer _elsewhere = WireMockServer.Start();

    [Theory]
    [InlineData("Basic")]
    [InlineData("Bearer")]
    public async Task A_cached_authorization_is_not_sent_to_an_upload_location_on_another_origin(string scheme)
    {
        var header = Authenticated(scheme);
        _registry
            .Answers(Request.Create().WithPath(UploadsPath).UsingPost().WithHeader("Authorization", header), 202,
                r => r.WithHeader("Location", $"{_elsewhere.Url}/upload/session-1"), priority: 1)
            .Answers(Request.Create().WithPath(UploadsPath).UsingPost(), 401, r => r.WithHeader("WWW-Authenticate", Challenge(scheme)));
        _elsewhere.Given(Request.Create().WithPath("/upload/session-1").UsingPut()).RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(201));
        var client = _registry.Client(WithCredentials());

        var upload = await client.StartUploadAsync(Repository);
        await upload.CompleteAsync(OciDigest.Of([]), OciMediaTypes.Layer);

        var put = Assert.Single(_elsewhere.LogEntries).RequestMessage!;
        Assert.False(put.Headers!.ContainsKey("Authorization"), "the upload location on another origin got the registry's Authorization header");
    }

    [Fact]
    public async Task An_upload_location_on_another_origin_that_asks_for_credentials_gets_none()
    {
        _registry
            .Answers(Request.Create().WithPath(UploadsPath).UsingPost().WithHeader("Authorization", Basic), 202,
                r => r.WithHeader("Location", $"{_elsewhere.Url}/upload/session-1"), priority: 1)
            .Answers(Request.Create().WithPath(UploadsPath).UsingPost(), 401, r => r.WithHeader("WWW-Authenticate", Challenge("Basic")));
        _elsewhere.Given(Request.Create().WithPath("/upload/session-1")).RespondWith(
            WireMock.ResponseBuilders.Response.Create().WithStatusCode(401).WithHeader("WWW-Authenticate", "Basic realm=\"elsewhere\""));
        var client = _registry.Client(WithCredentials());

        var upload = await client.StartUploadAsync(Repository);
        var error = await Assert.ThrowsAsync<RegistryException>(() => upload.CompleteAsync(OciDigest.Of([]), OciMediaTypes.Layer));

        Assert.Equal(RegistryFailureKind.Unauthorized, error.Kind);
        Assert.Contains("only sent to the registry's own origin", error.Message, StringComparison.Ordinal);
        Assert.All(_elsewhere.LogEntries, e => Assert.False(e.RequestMessage!.Headers!.ContainsKey("Authorization")));
    }

    [Fact]
    public async Task A_token_realm_on_plain_http_off_loopback_is_refused_before_any_request()
    {
        _registry.Answers(Head(BlobPath), 401, r => r.WithHeader("WWW-Authenticate", "Bearer realm=\"http://auth.example.invalid/token\",service=\"s\""));

        var error = await Assert.ThrowsAsync<RegistryException>(() => _registry.Client(WithCredentials()).BlobExistsAsync(Repository, Digest));

        Assert.Equal(RegistryFailureKind.ProtocolError, error.Kind);
        Assert.Contains("plain http", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _registry.CallsTo("HEAD", "/blobs/"));
    }

    [Fact]
    public async Task A_token_realm_on_another_host_gets_no_credentials()
    {
        _registry.Answers(Head(BlobPath), 401, r => r.WithHeader("WWW-Authenticate", $"Bearer realm=\"{OtherHost(_elsewhere)}/token\",service=\"s\""));
        _elsewhere.Given(Request.Create().WithPath("/token")).RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody("""{"token":"t"}"""));

        var error = await Assert.ThrowsAsync<RegistryException>(() => _registry.Client(WithCredentials()).BlobExistsAsync(Repository, Digest));

        Assert.Equal(RegistryFailureKind.Unauthorized, error.Kind);
        Assert.Contains("TokenRealmHosts", error.Message, StringComparison.Ordinal);
        Assert.Empty(_elsewhere.LogEntries);
    }

    [Fact]
    public async Task A_token_realm_on_a_listed_host_gets_the_credentials()
    {
        var realm = OtherHost(_elsewhere);
        _registry
            .Answers(Head(BlobPath).WithHeader("Authorization", "Bearer t"), 200, priority: 1)
            .Answers(Head(BlobPath), 401, r => r.WithHeader("WWW-Authenticate", $"Bearer realm=\"{realm}/token\",service=\"s\""));
        _elsewhere.Given(Request.Create().WithPath("/token").WithHeader("Authorization", Basic))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody("""{"token":"t"}"""));

        var client = _registry.Client(WithCredentials() with { TokenRealmHosts = [new Uri(realm).Host] });

        Assert.True(await client.BlobExistsAsync(Repository, Digest));
        Assert.Single(_elsewhere.LogEntries);
    }

    [Fact]
    public async Task An_anonymous_client_may_fetch_a_token_from_another_host()
    {
        _registry
            .Answers(Head(BlobPath).WithHeader("Authorization", "Bearer t"), 200, priority: 1)
            .Answers(Head(BlobPath), 401, r => r.WithHeader("WWW-Authenticate", $"Bearer realm=\"{OtherHost(_elsewhere)}/token\",service=\"s\""));
        _elsewhere.Given(Request.Create().WithPath("/token")).RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody("""{"token":"t"}"""));

        Assert.True(await _registry.Client().BlobExistsAsync(Repository, Digest));
        Assert.False(Assert.Single(_elsewhere.LogEntries).RequestMessage!.Headers!.ContainsKey("Authorization"));
    }

    [Theory]
    [InlineData("http://registry.example.invalid:5000", false)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("https://registry.example.invalid", true)]
    public void Credentials_are_configured_for_https_or_loopback_http_only(string endpoint, bool accepted)
    {
        var options = new RegistryOptions { Endpoint = new Uri(endpoint), Username = "u", Password = "p" };

        var error = Record.Exception(() => options.Validated());

        Assert.Equal(accepted, error is null);
    }

    public void Dispose()
    {
        _elsewhere.Stop();
        _registry.Dispose();
    }

    private RegistryOptions WithCredentials() => new() { Endpoint = _registry.Address, Username = "u", Password = "p" };

    private static string Authenticated(string scheme) => scheme == "Basic" ? Basic : "Bearer tok-1";

    private string Challenge(string scheme)
    {
        if (scheme == "Basic")
        {
            return "Basic realm=\"registry\"";
        }

        _registry.Answers(Request.Create().WithPath("/token").UsingGet().WithHeader("Authorization", Basic), 200, r => r.WithBody("""{"token":"tok-1"}"""));
        return $"Bearer realm=\"{_registry.Address}token\",service=\"fake-registry\"";
    }

    // The same loopback server under another host name than the registry's, so only the host differs in kind.
    private static string OtherHost(WireMockServer server)
    {
        var url = new Uri(server.Url!);
        return $"{url.Scheme}://{(url.Host == "127.0.0.1" ? "localhost" : "127.0.0.1")}:{url.Port}";
    }
}
