using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Tables;

/// <summary>NAME and AGE: what the real server prints for a custom resource without additionalPrinterColumns.</summary>
internal sealed class DefaultPrinter : ITablePrinter
{
    public static DefaultPrinter Instance { get; } = new();

    public IReadOnlyList<TableColumn> Columns { get; } = [TableColumn.NameColumn, TableColumn.AgeColumn];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now) =>
    [
        JsonValue.Create(ObjectFields.Name(obj)),
        JsonValue.Create(HumanDuration.Since(ObjectFields.String(obj, "metadata", "creationTimestamp"), now)),
    ];
}
