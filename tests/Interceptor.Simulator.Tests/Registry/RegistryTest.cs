using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Registry;
using Xunit;

namespace Interceptor.Simulator.Tests.Registry;

/// <summary>
/// Base for registry tests: a fresh embedded registry per test (xunit makes one instance per test) and an
/// HttpClient speaking to it over real loopback HTTP(S), plus the few pushes most tests start from.
/// </summary>
public abstract class RegistryTest : IAsyncLifetime
{
    private EmbeddedRegistry? _registry;
    private HttpClient? _http;

    protected EmbeddedRegistry Registry => _registry ?? throw new InvalidOperationException("registry not started");

    protected HttpClient Http => _http ?? throw new InvalidOperationException("registry not started");

    protected virtual EmbeddedRegistryOptions Options => new() { UseHttps = false };

    public async Task InitializeAsync()
    {
        _registry = await EmbeddedRegistry.StartAsync(Options);
        _http = _registry.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }

    protected static string Sha256(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Pushes a blob in one POST ?digest= and returns its digest.</summary>
    protected async Task<string> PushBlobAsync(string name, byte[] content)
    {
        var digest = Sha256(content);
        using var response = await Http.PostAsync($"/v2/{name}/blobs/uploads/?digest={digest}", Octets(content));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return digest;
    }

    /// <summary>An OCI image manifest naming the given config and layers (sizes are not checked by registries).</summary>
    protected static byte[] ImageManifest(string config, params string[] layers)
    {
        static JsonObject Descriptor(string mediaType, string digest) => new() { ["mediaType"] = mediaType, ["digest"] = digest, ["size"] = 1 };
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", config),
            ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode)Descriptor("application/vnd.oci.image.layer.v1.tar", l))]),
        };
        return Encoding.UTF8.GetBytes(manifest.ToJsonString());
    }

    protected async Task<HttpResponseMessage> PutManifestAsync(string name, string reference, byte[] manifest,
        string mediaType = "application/vnd.oci.image.manifest.v1+json")
    {
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await Http.PutAsync($"/v2/{name}/manifests/{reference}", content);
    }

    protected static ByteArrayContent Octets(byte[] content)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return body;
    }

    /// <summary>Asserts the status and that the body is the spec's error JSON with <paramref name="code"/>; returns the entry.</summary>
    protected static async Task<JsonNode> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var entry = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Equal(code, (string?)entry["code"]);
        return entry;
    }

    protected static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content)
        : throw new Xunit.Sdk.XunitException($"no {name} header in {response}");
}
