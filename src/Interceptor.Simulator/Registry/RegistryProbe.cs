namespace Interceptor.Simulator.Registry;

/// <summary>
/// Asks a registry's <c>GET /v2/</c> whether it speaks the distribution API, so the simulator fails fast on a
/// wrong <c>--registry</c> instead of at the first push. A 401 counts: the registry is there and wants a login.
/// </summary>
public static class RegistryProbe
{
    public static async Task<string> DescribeAsync(HttpClient client, Uri registry, CancellationToken ct = default)
    {
        using var response = await client.GetAsync(new Uri(registry, "/v2/"), ct);
        var version = response.Headers.TryGetValues(RegistryHeaders.ApiVersion, out var values) ? string.Join(",", values) : null;
        if (version is null && !response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{registry} is not an OCI registry: GET /v2/ answered {(int)response.StatusCode} without {RegistryHeaders.ApiVersion}");
        }

        return $"GET /v2/ {(int)response.StatusCode}, {version ?? "no API version header"}";
    }
}
