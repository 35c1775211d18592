using System.Globalization;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;

namespace Interceptor.Simulator.Http;

/// <summary>The list and watch query parameters the server honours.</summary>
internal sealed record ListQuery(
    bool Watch,
    string? ResourceVersion,
    string? LabelSelector,
    string? FieldSelector,
    int? TimeoutSeconds,
    bool AllowWatchBookmarks,
    int? Limit = null,
    string? Continue = null)
{
    public static ListQuery From(IQueryCollection query) => new(
        IsTrue(query["watch"]),
        query["resourceVersion"].FirstOrDefault(),
        query["labelSelector"].FirstOrDefault(),
        query["fieldSelector"].FirstOrDefault(),
        ParseTimeout(query["timeoutSeconds"].FirstOrDefault()),
        IsTrue(query["allowWatchBookmarks"]),
        ParseCount("limit", query["limit"].FirstOrDefault()),
        query["continue"].FirstOrDefault());

    public ObjectFilter Filter(ResourceType resource, string? ns) =>
        new(ns, Selectors.LabelSelector.Parse(LabelSelector), Selectors.FieldSelector.Parse(FieldSelector, resource));

    /// <summary>Go's strconv.ParseBool spellings, which is what the real server accepts.</summary>
    private static bool IsTrue(string? value) => value is "1" or "t" or "T" or "true" or "TRUE" or "True";

    private static int? ParseTimeout(string? value) => ParseCount("timeoutSeconds", value);

    private static int? ParseCount(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw StatusErrors.BadRequest($"invalid {name} \"{value}\"");
    }
}
