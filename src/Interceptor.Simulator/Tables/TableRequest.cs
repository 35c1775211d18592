using Interceptor.Simulator.Errors;
using Microsoft.Net.Http.Headers;

namespace Interceptor.Simulator.Tables;

/// <summary>
/// Whether a GET asked for a <c>meta.k8s.io</c> Table (kubectl get sends
/// <c>application/json;as=Table;v=v1;g=meta.k8s.io,...,application/json</c>) and what each row should embed.
/// Like the real server's negotiation, the first acceptable media type in the client's order wins.
/// </summary>
internal sealed record TableRequest(string ApiVersion, string IncludeObject)
{
    public static TableRequest? From(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList([.. request.Headers.Accept.OfType<string>()], out var accepted))
        {
            return null;
        }
        foreach (var media in accepted)
        {
            var parameters = media.Parameters.ToDictionary(p => p.Name.Value ?? "", p => p.Value.Value ?? "", StringComparer.OrdinalIgnoreCase);
            var isJson = media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || media.MediaType.Equals("*/*", StringComparison.Ordinal);
            if (!isJson)
            {
                continue;
            }
            if (!parameters.TryGetValue("as", out var target))
            {
                return null;
            }
            if (target == "Table" && parameters.GetValueOrDefault("g") == "meta.k8s.io"
                && parameters.GetValueOrDefault("v") is "v1" or "v1beta1")
            {
                return new TableRequest($"meta.k8s.io/{parameters["v"]}", IncludeObjectOf(request));
            }
        }
        return null;
    }

    /// <summary><c>?includeObject=None|Metadata|Object</c>; Metadata (a PartialObjectMetadata) by default.</summary>
    private static string IncludeObjectOf(HttpRequest request) => request.Query["includeObject"].FirstOrDefault() switch
    {
        null or "" or "Metadata" => "Metadata",
        "None" => "None",
        "Object" => "Object",
        var other => throw StatusErrors.BadRequest($"unrecognized includeObject value: \"{other}\""),
    };
}
