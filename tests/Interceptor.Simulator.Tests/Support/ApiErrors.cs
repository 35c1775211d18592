using System.Net;
using System.Text.Json;
using k8s.Autorest;
using Xunit;

namespace Interceptor.Simulator.Tests.Support;

/// <summary>Asserts on the HttpOperationException the KubernetesClient throws for a Status response.</summary>
public static class ApiErrors
{
    public static async Task<StatusBody> ThrowsStatusAsync(HttpStatusCode code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.Equal(code, error.Response.StatusCode);
        var body = JsonSerializer.Deserialize<StatusBody>(error.Response.Content, JsonSerializerOptions.Web)!;
        Assert.Equal("Status", body.Kind);
        Assert.Equal((int)code, body.Code);
        return body;
    }

    /// <summary>The Status fields tests look at.</summary>
    public sealed record StatusBody(string Kind, string Status, string Message, string? Reason, int Code);
}
