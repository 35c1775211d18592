using System.Net;
using System.Net.Http.Headers;

namespace Interceptor.Checkpoint.Registry;

/// <summary>A registry answer read whole (bounded by <see cref="RegistryOptions.MaxResponseBytes"/>) inside one attempt.</summary>
internal sealed record RegistryResponse(HttpStatusCode Status, HttpResponseHeaders Headers, HttpContentHeaders? ContentHeaders, byte[] Body)
{
    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()
        : ContentHeaders is not null && ContentHeaders.TryGetValues(name, out var content) ? content.FirstOrDefault()
        : null;
}
