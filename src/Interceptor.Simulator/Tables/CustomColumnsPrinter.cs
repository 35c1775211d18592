using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Tables;

/// <summary>
/// A custom resource with <c>additionalPrinterColumns</c>: NAME, then each column's first JSONPath match converted
/// to the column type (apiextensions-apiserver <c>tableconvertor</c>: <c>date</c> becomes an age, a missing value or
/// a type mismatch a null cell, which kubectl prints as blanks).
/// </summary>
internal sealed class CustomColumnsPrinter(IReadOnlyList<PrinterColumn> columns) : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        .. columns.Select(c => new TableColumn(c.Name, c.Type, c.Description, c.Priority, c.Format)),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
        [ObjectFields.Name(obj), .. columns.Select(c => Cell(c.Type, SimpleJsonPath.First(obj, c.JsonPath), now))];

    private static JsonNode? Cell(string type, JsonNode? value, DateTimeOffset now) => (type, value?.GetValueKind()) switch
    {
        (_, null or JsonValueKind.Null) => null,
        ("string", JsonValueKind.String) => value!.GetValue<string>(),
        ("string", _) => value!.ToJsonString(),
        ("integer", JsonValueKind.Number) => JsonValue.Create((long)Number(value!)),
        ("number", JsonValueKind.Number) => JsonValue.Create(Number(value!)),
        ("boolean", JsonValueKind.True or JsonValueKind.False) => JsonValue.Create(value!.GetValueKind() == JsonValueKind.True),
        ("date", JsonValueKind.String) => DateTimeOffset.TryParse(value!.GetValue<string>(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var at) ? HumanDuration.Format(now - at) : "<invalid>",
        _ => null,
    };

    /// <summary>From the JSON text, whatever .NET type backs the node (parsed or built in code).</summary>
    private static double Number(JsonNode value) => double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
}
