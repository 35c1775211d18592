using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Interceptor.Simulator.Tables;

/// <summary>
/// The "simple JSONPath" CRD printer columns may use, which is all the real server accepts there: dotted fields
/// (<c>.spec.replicas</c>), indexes (<c>.spec.containers[0].image</c>) and equality filters
/// (<c>.status.conditions[?(@.type=="Ready")].status</c>). The first match is the cell, as on the real server.
/// </summary>
internal static partial class SimpleJsonPath
{
    public static JsonNode? First(JsonNode? node, string path)
    {
        foreach (Match step in Step().Matches(path.Trim().TrimStart('{').TrimEnd('}')))
        {
            node = step.Groups["field"].Success ? (node as JsonObject)?[step.Groups["field"].Value]
                : step.Groups["index"].Success ? At(node as JsonArray, int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture))
                : (node as JsonArray)?.OfType<JsonObject>().FirstOrDefault(item =>
                    ObjectFields.String(item, step.Groups["key"].Value) == step.Groups["value"].Value);
            if (node is null)
            {
                return null;
            }
        }
        return node;
    }

    private static JsonNode? At(JsonArray? array, int index) =>
        array is not null && index < array.Count ? array[index] : null;

    [GeneratedRegex("""\.(?<field>[A-Za-z0-9_\-]+)|\[(?<index>[0-9]+)\]|\[\?\(@\.(?<key>[A-Za-z0-9_\-]+)\s*==\s*["'](?<value>[^"']*)["']\)\]""")]
    private static partial Regex Step();
}
