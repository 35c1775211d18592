using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Tables;

/// <summary>printers.go <c>printNamespace</c>: NAME, STATUS (the phase), AGE.</summary>
internal sealed class NamespacePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Status", "string", "The status of the namespace"),
        TableColumn.AgeColumn,
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject ns, DateTimeOffset now) =>
    [
        ObjectFields.Name(ns),
        ObjectFields.String(ns, "status", "phase") ?? "",
        HumanDuration.Since(ObjectFields.String(ns, "metadata", "creationTimestamp"), now),
    ];
}
