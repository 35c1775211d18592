using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Store;

/// <summary>
/// Makes a JSON tree safe to share between threads for reading.
/// </summary>
/// <remarks>
/// A parsed <see cref="JsonObject"/> builds its property dictionary lazily on first access,
/// which is a write. Stored objects are read concurrently by lists and watches, so the store
/// clones and walks them once, under its lock, and never mutates them afterwards.
/// </remarks>
internal static class JsonFreeze
{
    public static JsonObject Copy(JsonObject source)
    {
        var copy = source.DeepClone().AsObject();
        Materialize(copy);
        return copy;
    }

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }
                break;
        }
    }
}
