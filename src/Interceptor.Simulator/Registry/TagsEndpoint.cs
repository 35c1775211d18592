using System.Globalization;
using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Registry;

/// <summary><c>/v2/&lt;name&gt;/tags/list[?n=&amp;last=]</c>: tags in ASCII order, paged with a Link header.</summary>
internal sealed class TagsEndpoint(ManifestStore manifests, BlobStore blobs)
{
    public async Task HandleAsync(HttpContext context, TagsRoute route)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            throw RegistryErrors.Unsupported(405, $"{context.Request.Method} on tags/list");
        }

        // A repository holding only blobs exists, with no tags; one holding nothing is unknown.
        var tags = manifests.Tags(route.Name) ?? (blobs.HasRepository(route.Name) ? [] : throw RegistryErrors.NameUnknown(route.Name));
        var query = context.Request.Query;
        var last = query["last"].ToString();
        var after = last.Length == 0 ? tags : [.. tags.Where(t => string.CompareOrdinal(t, last) > 0)];
        var limit = Limit(query["n"].ToString());
        var page = limit is { } n ? after.Take(n).ToList() : after;
        if (limit is > 0 && page.Count < after.Count)
        {
            context.Response.Headers.Link = $"</v2/{route.Name}/tags/list?n={limit}&last={Uri.EscapeDataString(page[^1])}>; rel=\"next\"";
        }

        var body = new JsonObject { ["name"] = route.Name, ["tags"] = new JsonArray([.. page.Select(t => (JsonNode)t)]) };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static int? Limit(string n)
    {
        if (n.Length == 0)
        {
            return null;
        }

        return int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            ? limit
            : throw RegistryErrors.Unsupported(400, $"n=\"{n}\" is not a non-negative integer");
    }
}
