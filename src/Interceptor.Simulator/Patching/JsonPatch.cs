using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;

namespace Interceptor.Simulator.Patching;

/// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy and test.</summary>
public static class JsonPatch
{
    /// <summary>
    /// Applies every operation to <paramref name="document"/> in place. A failing operation
    /// (including <c>test</c>) throws the real server's answer: 422 Invalid with a generic message.
    /// </summary>
    public static void Apply(JsonObject document, JsonNode? patch)
    {
        var operations = Decode(patch);
        try
        {
            foreach (var operation in operations)
            {
                ApplyOne(document, operation);
            }
        }
        catch (JsonPatchException)
        {
            // apiserver patch.go wraps Apply errors in NewGenericServerResponse(422, ...), dropping the detail.
            throw StatusErrors.Generic(422);
        }
    }

    private static IReadOnlyList<JsonObject> Decode(JsonNode? patch)
    {
        if (patch is not JsonArray array || array.Any(op => op is not JsonObject o || o["op"] is null))
        {
            throw StatusErrors.BadRequest("a JSON patch must be an array of operations, each with \"op\" and \"path\"");
        }
        return [.. array.Cast<JsonObject>()];
    }

    private static void ApplyOne(JsonObject document, JsonObject operation)
    {
        var op = Text(operation, "op");
        var path = JsonPointer.Parse(Text(operation, "path"));
        switch (op)
        {
            case "add":
                Add(document, path, Value(operation)?.DeepClone());
                break;
            case "remove":
                Remove(document, path);
                break;
            case "replace":
                Remove(document, path);
                Add(document, path, Value(operation)?.DeepClone());
                break;
            case "move":
                Move(document, JsonPointer.Parse(Text(operation, "from")), path);
                break;
            case "copy":
                Add(document, path, JsonPointer.Parse(Text(operation, "from")).Resolve(document)?.DeepClone());
                break;
            case "test":
                Test(document, path, Value(operation));
                break;
            default:
                throw new JsonPatchException($"unexpected operation \"{op}\"");
        }
    }

    private static void Add(JsonObject document, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            throw new JsonPatchException("replacing the whole object is not supported");
        }
        switch (path.Parent(document))
        {
            case JsonObject parent:
                parent[path.Last] = value;
                break;
            case JsonArray parent:
                parent.Insert(JsonPointer.Index(parent, path.Last, allowEnd: true), value);
                break;
            default:
                throw new JsonPatchException($"cannot add at {path.Format()}");
        }
    }

    private static JsonNode? Remove(JsonObject document, JsonPointer path)
    {
        if (path.IsRoot)
        {
            throw new JsonPatchException("removing the whole object is not supported");
        }
        var value = path.Resolve(document);
        switch (path.Parent(document))
        {
            case JsonObject parent:
                parent.Remove(path.Last);
                break;
            case JsonArray parent:
                parent.RemoveAt(JsonPointer.Index(parent, path.Last, allowEnd: false));
                break;
        }
        return value;
    }

    private static void Move(JsonObject document, JsonPointer from, JsonPointer path)
    {
        if (path.IsWithin(from) && path.Tokens.Count > from.Tokens.Count)
        {
            throw new JsonPatchException("cannot move a value into one of its children");
        }
        Add(document, path, Remove(document, from));
    }

    private static void Test(JsonObject document, JsonPointer path, JsonNode? expected)
    {
        if (!JsonNode.DeepEquals(path.Resolve(document), expected))
        {
            throw new JsonPatchException($"testing value {path.Format()} failed");
        }
    }

    private static string Text(JsonObject operation, string member) =>
        Interceptor.Simulator.Store.Meta.String(operation, member)
            ?? throw new JsonPatchException($"operation is missing \"{member}\"");

    private static JsonNode? Value(JsonObject operation) =>
        operation.TryGetPropertyValue("value", out var value)
            ? value
            : throw new JsonPatchException("operation is missing \"value\"");
}
