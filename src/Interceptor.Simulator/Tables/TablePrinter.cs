using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Tables;

/// <summary>
/// The columns of one resource and how an object becomes a row's cells (pkg/printers/internalversion
/// on the real server). Cells are strings or numbers, written as JSON values.
/// </summary>
internal interface ITablePrinter
{
    IReadOnlyList<TableColumn> Columns { get; }

    IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now);

    /// <summary>Row conditions (Completed for finished pods), or none.</summary>
    JsonArray? Conditions(JsonObject obj) => null;
}
