using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Tests.Support;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>
/// Protobuf request bodies, as kubectl's typed generators send them; the fixtures are bodies kubectl 1.33 sent
/// (<c>-v=8</c>), so every field, including the empty strings gogo-protobuf writes, is what a client puts on the wire.
/// </summary>
public sealed class ProtobufRequestTests : ServerTest
{
    /// <summary><c>kubectl create configmap cm2 --from-literal=a=b --from-literal=e=</c>.</summary>
    private const string ConfigMap =
        "6b3873000a0f0a0276311209436f6e6669674d617012240a130a03636d321200" +
        "1a0022002a0032003800420012060a016112016212050a016512001a002200";

    /// <summary><c>kubectl create service clusterip svc --tcp=80:http</c>: a named targetPort (IntOrString).</summary>
    private const string Service =
        "6b3873000a0d0a027631120753657276696365126c0a1f0a0373766312001a00" +
        "22002a003200380042005a0a0a03617070120373766312450a1e0a0738302d68" +
        "74747012035443501850220a080110001a04687474702800120a0a0361707012" +
        "037376631a002209436c757374657249503a00420052005a00600068001a020a" +
        "001a002200";

    [Fact]
    public async Task A_protobuf_configmap_is_stored_as_its_json_with_empty_values_kept_in_maps()
    {
        using var response = await PostAsync("api/v1/namespaces/default/configmaps", ConfigMap);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ConfigMap", (string?)stored["kind"]);
        Assert.Equal("cm2", (string?)stored["metadata"]!["name"]);
        Assert.Equal("""{"a":"b","e":""}""", stored["data"]!.ToJsonString());
        // gogo-protobuf wrote generateName "", as Go's omitempty would not: it is read as absent.
        Assert.Null(stored["metadata"]!["generateName"]);
    }

    [Fact]
    public async Task A_named_target_port_reads_as_the_string_an_int_or_string_holds()
    {
        using var response = await PostAsync("api/v1/namespaces/default/services", Service);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var port = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["spec"]!["ports"]![0]!;
        Assert.Equal("""{"name":"80-http","protocol":"TCP","port":80,"targetPort":"http"}""", port.ToJsonString());
    }

    [Fact]
    public async Task A_kind_without_a_protobuf_encoding_is_refused_with_415_as_for_custom_resources()
    {
        // The ConfigMap body relabelled as a kind the protobuf schema does not describe.
        var body = Convert.FromHexString(ConfigMap);
        var kind = "ConfigMap"u8.ToArray();
        var at = body.AsSpan().IndexOf(kind);
        "NotAKind!"u8.CopyTo(body.AsSpan(at));

        using var response = await PostAsync("api/v1/namespaces/default/configmaps", body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains(
            "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_protobuf_body_without_the_k8s_prefix_is_400()
    {
        using var response = await PostAsync("api/v1/namespaces/default/configmaps", [1, 2, 3]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string hex) => PostAsync(path, Convert.FromHexString(hex));

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.kubernetes.protobuf");
        return await http.PostAsync(path, content);
    }
}
