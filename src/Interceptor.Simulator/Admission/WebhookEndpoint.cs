using System.Globalization;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission;

/// <summary>
/// Where to post a review: <c>clientConfig.url</c> as is, or <c>clientConfig.service</c> through
/// <see cref="AdmissionWebhooks.ResolveService"/>, with the TLS name <c>{name}.{namespace}.svc</c>.
/// The <c>timeout</c> query parameter is what client-go adds to every call with a timeout.
/// </summary>
internal sealed record WebhookEndpoint(Uri Address, string? TlsHost, string DisplayUrl)
{
    /// <summary>The endpoint, or null with a Go-worded reason when it cannot be reached at all.</summary>
    public static (WebhookEndpoint? Endpoint, string? Error) Resolve(JsonObject clientConfig, AdmissionWebhooks settings, TimeSpan timeout)
    {
        var query = $"?timeout={(int)timeout.TotalSeconds}s";
        if (Meta.String(clientConfig, "url") is { } url)
        {
            return Uri.TryCreate(url + query, UriKind.Absolute, out var address)
                ? (new WebhookEndpoint(address, null, address.OriginalString), null)
                : (null, $"parse \"{url}\": invalid URL");
        }
        if (clientConfig["service"] is not JsonObject service)
        {
            return (null, "no url or service in clientConfig");
        }
        var ns = Meta.String(service, "namespace") ?? "";
        var name = Meta.String(service, "name") ?? "";
        var port = JsonNumbers.Long(service, "port") is var given and > 0 ? (int)given : 443;
        var path = Meta.String(service, "path") ?? "";
        var host = $"{name}.{ns}.svc";
        var display = $"https://{host}:{port.ToString(CultureInfo.InvariantCulture)}{path}{query}";
        var resolved = settings.ResolveService?.Invoke(ns, name, port);
        if (resolved is null)
        {
            return (null, $"Post \"{display}\": no endpoints available for service \"{name}\"");
        }
        var builder = new UriBuilder(resolved) { Path = path, Query = query[1..] };
        return (new WebhookEndpoint(builder.Uri, host, display), null);
    }
}
