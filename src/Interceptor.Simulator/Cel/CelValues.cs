using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Cel;

/// <summary>
/// JSON as the Cel package evaluates it: objects as string-keyed dictionaries (field selection and <c>has()</c> work on
/// them), arrays as lists, integers as <c>long</c> (CEL int), other numbers as <c>double</c>. Upstream converts
/// unstructured objects the same way (apiserver/pkg/cel/common UnstructuredToVal), except that it also turns
/// <c>date-time</c>/<c>duration</c> strings into timestamps and durations, which this does not.
/// </summary>
internal static class CelValues
{
    public static object? From(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => From(p.Value)),
        JsonArray array => array.Select(From).ToList(),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<long>(out var integer) => integer,
        JsonValue value when value.TryGetValue<double>(out var number) => number,
        _ => node.ToJsonString(),
    };
}
