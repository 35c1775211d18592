using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Interceptor.Tests.Support;

namespace Interceptor.Tests.Admission;

/// <summary>
/// Generates malformed and hostile admission requests from a valid one, deterministically (fixed seed): every
/// case here must be refused with a 4xx. One generator per kind of damage.
/// </summary>
public static class HostileRequests
{
    public sealed record Case(string Kind, string Body, string ContentType = "application/json");

    public static IEnumerable<Case> All(int seed = 4563)
    {
        var random = new Random(seed);
        var valid = AdmissionReviews.Eviction("shop", "web-0").ToJsonString();
        return Truncated(valid, random, 500)
            .Concat(WrongTypes())
            .Concat(MissingRequired())
            .Concat(WrongKinds())
            .Concat(HugeValues())
            .Concat(Garbage(random, 300))
            .Concat(WrongContentTypes(valid));
    }

    /// <summary>The valid review cut short at random points: never parseable.</summary>
    private static IEnumerable<Case> Truncated(string valid, Random random, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new("truncated", valid[..random.Next(0, valid.Length - 1)]);
        }
    }

    /// <summary>Each field the webhook reads, replaced by every value of another JSON type.</summary>
    private static IEnumerable<Case> WrongTypes()
    {
        string[] paths =
        [
            "apiVersion", "kind", "request", "request.uid", "request.kind", "request.kind.group", "request.kind.version",
            "request.kind.kind", "request.resource", "request.resource.resource", "request.subResource", "request.name",
            "request.namespace", "request.operation", "request.userInfo", "request.userInfo.username", "request.userInfo.groups",
            "request.object", "request.object.metadata", "request.object.metadata.name", "request.object.deleteOptions",
            "request.object.deleteOptions.dryRun", "request.dryRun",
        ];
        JsonNode?[] replacements = [JsonValue.Create(42), JsonValue.Create(-1.5e300), JsonValue.Create(true), new JsonArray(1, "x"), new JsonObject { ["x"] = 1 }, JsonValue.Create("text")];
        foreach (var path in paths)
        {
            foreach (var replacement in replacements)
            {
                var review = AdmissionReviews.Eviction("shop", "web-0");
                if (!SameKind(Get(review, path), replacement) && Set(review, path, replacement?.DeepClone()))
                {
                    yield return new("wrong-type " + path, review.ToJsonString());
                }
            }
        }
    }

    // A replacement of the field's own JSON kind (an object for an optional object) may still be a valid review.
    private static bool SameKind(JsonNode? original, JsonNode? replacement) =>
        original is not null && replacement is not null && Kind(original) == Kind(replacement);

    private static JsonValueKind Kind(JsonNode node) => node.GetValueKind() is JsonValueKind.False ? JsonValueKind.True : node.GetValueKind();

    private static JsonNode? Get(JsonObject root, string path)
    {
        var (parent, key) = Walk(root, path);
        return parent?[key];
    }

    /// <summary>Each required field removed, or set to null or empty.</summary>
    private static IEnumerable<Case> MissingRequired()
    {
        string[] required =
        [
            "apiVersion", "kind", "request", "request.uid", "request.kind", "request.resource", "request.subResource",
            "request.name", "request.namespace", "request.operation", "request.object",
        ];
        foreach (var path in required)
        {
            foreach (var replacement in new JsonNode?[] { null, JsonValue.Create("") })
            {
                var review = AdmissionReviews.Eviction("shop", "web-0");
                Set(review, path, replacement);
                yield return new("missing " + path, review.ToJsonString());
            }

            var removed = AdmissionReviews.Eviction("shop", "web-0");
            Remove(removed, path);
            yield return new("removed " + path, removed.ToJsonString());
        }
    }

    /// <summary>Well-formed reviews of something that is not a pods/eviction CREATE.</summary>
    private static IEnumerable<Case> WrongKinds()
    {
        (string Path, JsonNode Value)[] wrong =
        [
            ("apiVersion", "admission.k8s.io/v1beta1"), ("kind", "Pod"), ("request.operation", "DELETE"), ("request.operation", "UPDATE"),
            ("request.subResource", "status"), ("request.subResource", "binding"), ("request.resource.resource", "deployments"),
            ("request.resource.group", "apps"), ("request.kind.kind", "Pod"), ("request.kind.group", "apps"), ("request.kind.version", "v2"),
            ("request.object.kind", "DeleteOptions"), ("request.object.apiVersion", "v1"), ("request.object.metadata.name", "another-pod"),
            ("request.name", "Not_A_Name"), ("request.name", "../../etc"), ("request.namespace", "UPPER"), ("request.namespace", "a.b"),
            ("request.object.deleteOptions.dryRun", new JsonArray("Some")), ("request.object", new JsonArray()),
        ];
        foreach (var (path, value) in wrong)
        {
            var review = AdmissionReviews.Eviction("shop", "web-0");
            Set(review, path, value.DeepClone());
            yield return new($"wrong-kind {path}={value.ToJsonString()}", review.ToJsonString());
        }
    }

    /// <summary>Oversized values: over the body cap (413), or within it but beyond every name limit (400).</summary>
    private static IEnumerable<Case> HugeValues()
    {
        foreach (var (path, size) in new[] { ("request.uid", 300_000), ("request.name", 100_000), ("request.uid", 5_000), ("request.name", 300), ("request.namespace", 64), ("request.userInfo.username", 10_000), ("request.object.deleteOptions.preconditions", 0) })
        {
            var review = AdmissionReviews.Eviction("shop", "web-0");
            Set(review, path, size == 0 ? new JsonObject { ["uid"] = new string('u', 20_000) } : new string('a', size));
            yield return new($"huge {path} ({size})", review.ToJsonString());
        }

        yield return new("deep nesting", new string('[', 100_000) + new string(']', 100_000));
        yield return new("deep object", string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000));
    }

    /// <summary>Random bytes, invalid UTF-8, JSON of the wrong shape.</summary>
    private static IEnumerable<Case> Garbage(Random random, int count)
    {
        string[] shapes = ["", "null", "[]", "{}", "42", "\"review\"", "true", "{\"request\":null}", "{\"apiVersion\":\"admission.k8s.io/v1\"}", "\uFEFF{", "{\"a\":1,}", "{'a':1}", "NaN", "{\"request\":{\"uid\":\"x\"}} trailing"];
        foreach (var shape in shapes)
        {
            yield return new("shape " + shape, shape);
        }

        for (var i = 0; i < count; i++)
        {
            var bytes = new byte[random.Next(1, 512)];
            random.NextBytes(bytes);
            yield return new("random bytes", Encoding.Latin1.GetString(bytes));
        }
    }

    private static IEnumerable<Case> WrongContentTypes(string valid)
    {
        foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "application/yaml", "application/jsonx", "multipart/form-data; boundary=x" })
        {
            for (var i = 0; i < 20; i++)
            {
                yield return new("content-type " + type, valid, type);
            }
        }
    }

    private static bool Set(JsonObject root, string path, JsonNode? value)
    {
        var (parent, key) = Walk(root, path);
        if (parent is null)
        {
            return false;
        }

        parent[key] = value;
        return true;
    }

    private static void Remove(JsonObject root, string path)
    {
        var (parent, key) = Walk(root, path);
        parent?.Remove(key);
    }

    private static (JsonObject? Parent, string Key) Walk(JsonObject root, string path)
    {
        var parts = path.Split('.');
        JsonObject? node = root;
        foreach (var part in parts[..^1])
        {
            node = node?[part] as JsonObject;
        }

        return (node, parts[^1]);
    }
}
