using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Eviction;

/// <summary>
/// A parsed Eviction body: <c>policy/v1</c> or <c>policy/v1beta1</c> (eviction.go AcceptsGroupVersion),
/// with the dry-run of the query string folded into its deleteOptions as propagateDryRun does.
/// </summary>
internal sealed record EvictionRequest(
    JsonObject Body, string ApiVersion, JsonObject DeleteOptions, IReadOnlyList<string> QueryDryRun)
{
    private static readonly string[] AcceptedVersions = ["policy/v1", "policy/v1beta1"];

    /// <summary>The version the caller sent, e.g. <c>v1beta1</c>; it becomes the review's requestKind.</summary>
    public string Version => ApiVersion["policy/".Length..];

    /// <summary>Whether the deletion is a dry run, from the body or (propagated) from the query.</summary>
    public bool DryRun => DeleteOptions["dryRun"] is JsonArray { Count: > 0 };

    public static EvictionRequest Parse(JsonObject body, string ns, string name, IReadOnlyList<string> queryDryRun)
    {
        // A body without apiVersion/kind is decoded as the endpoint's own kind, policy/v1 Eviction.
        var apiVersion = Meta.String(body, "apiVersion") ?? "policy/v1";
        var kind = Meta.String(body, "kind") ?? "Eviction";
        if (!AcceptedVersions.Contains(apiVersion))
        {
            throw StatusErrors.BadRequest(
                $"the API version in the data ({apiVersion}) does not match the expected API version (policy/v1)");
        }
        if (kind != "Eviction")
        {
            throw StatusErrors.BadRequest($"no kind \"{kind}\" is registered for version \"{apiVersion}\"");
        }
        var bodyNs = Meta.Namespace(body);
        if (!string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
        {
            throw StatusErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        if (Meta.Name(body) != name)
        {
            throw EvictionErrors.NameMismatch();
        }
        return new EvictionRequest(body, apiVersion, PropagateDryRun(body, queryDryRun), queryDryRun);
    }

    /// <summary>eviction.go propagateDryRun: the query fills an empty body dryRun; both set must agree.</summary>
    private static JsonObject PropagateDryRun(JsonObject body, IReadOnlyList<string> query)
    {
        var options = body["deleteOptions"] as JsonObject is { } given ? given.DeepClone().AsObject() : [];
        var bodyDryRun = (options["dryRun"] as JsonArray ?? []).Select(v => v?.ToString() ?? "").ToList();
        if (bodyDryRun.Count == 0 && query.Count > 0)
        {
            options["dryRun"] = new JsonArray([.. query.Select(v => JsonValue.Create(v))]);
        }
        else if (bodyDryRun.Count > 0 && query.Count > 0 && !bodyDryRun.SequenceEqual(query))
        {
            throw EvictionErrors.DryRunMismatch(query, bodyDryRun);
        }
        return options;
    }
}
