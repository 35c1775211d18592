using System.Net;
using System.Text;
using Interceptor.Simulator.Tests.Support;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>What the typed client cannot show: raw bodies, headers and malformed input.</summary>
public sealed class WireFormatTests : ServerTest
{
    [Fact]
    public async Task Watch_streams_newline_delimited_json()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        await http.PostAsync("api/v1/namespaces/default/pods", Json("""{"metadata":{"name":"a"}}"""));

        using var response = await http.GetAsync("api/v1/namespaces/default/pods?watch=1&timeoutSeconds=1");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("""{"type":"ADDED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"a",""", Assert.Single(lines));
    }

    [Fact]
    public async Task Malformed_json_is_400_bad_request()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };

        using var response = await http.PostAsync("api/v1/namespaces/default/pods", Json("{not json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"reason\":\"BadRequest\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_paths_are_404_status()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };

        using var response = await http.GetAsync("apis/nope.example/v1/things");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("the server could not find the requested resource", await response.Content.ReadAsStringAsync());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
