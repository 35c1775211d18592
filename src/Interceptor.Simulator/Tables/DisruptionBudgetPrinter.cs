using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Tables;

/// <summary>
/// printers.go <c>printPodDisruptionBudget</c>: MIN AVAILABLE and MAX UNAVAILABLE as written (a number or a
/// percentage, N/A when unset) and ALLOWED DISRUPTIONS, the number a drain is waiting on.
/// </summary>
internal sealed class DisruptionBudgetPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Min Available", "string", "The minimum number of pods that must be available."),
        new("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
        new("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
        TableColumn.AgeColumn,
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject pdb, DateTimeOffset now) =>
    [
        ObjectFields.Name(pdb),
        IntOrString(ObjectFields.At(pdb, "spec", "minAvailable")),
        IntOrString(ObjectFields.At(pdb, "spec", "maxUnavailable")),
        ObjectFields.Integer(pdb, "status", "disruptionsAllowed"),
        HumanDuration.Since(ObjectFields.String(pdb, "metadata", "creationTimestamp"), now),
    ];

    /// <summary>intstr.IntOrString.String(): the number or the string as it is.</summary>
    private static string IntOrString(JsonNode? value) => value switch
    {
        null => "N/A",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };
}
