using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Tables;

/// <summary>
/// Writes a <c>meta.k8s.io</c> Table: column definitions, then one row per object whose <c>object</c> is, by default,
/// a PartialObjectMetadata (kubectl reads the NAMESPACE column of <c>-A</c> from it).
/// </summary>
internal static class TableWriter
{
    public static void Write(
        Utf8JsonWriter writer, TableRequest request, ITablePrinter printer, IEnumerable<JsonObject> items, long? resourceVersion, DateTimeOffset now)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "Table");
        writer.WriteString("apiVersion", request.ApiVersion);
        writer.WriteStartObject("metadata");
        if (resourceVersion is { } version)
        {
            writer.WriteString("resourceVersion", version.ToString(CultureInfo.InvariantCulture));
        }
        writer.WriteEndObject();
        writer.WriteStartArray("columnDefinitions");
        foreach (var column in printer.Columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("type", column.Type);
            writer.WriteString("format", column.Format);
            writer.WriteString("description", column.Description);
            writer.WriteNumber("priority", column.Priority);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("rows");
        foreach (var item in items)
        {
            WriteRow(writer, request, printer, item, now);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteRow(Utf8JsonWriter writer, TableRequest request, ITablePrinter printer, JsonObject item, DateTimeOffset now)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("cells");
        foreach (var cell in printer.Cells(item, now))
        {
            if (cell is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                cell.WriteTo(writer);
            }
        }
        writer.WriteEndArray();
        if (printer.Conditions(item) is { } conditions)
        {
            writer.WritePropertyName("conditions");
            conditions.WriteTo(writer);
        }
        switch (request.IncludeObject)
        {
            case "Object":
                writer.WritePropertyName("object");
                item.WriteTo(writer);
                break;
            case "Metadata":
                writer.WriteStartObject("object");
                writer.WriteString("kind", "PartialObjectMetadata");
                writer.WriteString("apiVersion", request.ApiVersion);
                if (item["metadata"] is JsonNode metadata)
                {
                    writer.WritePropertyName("metadata");
                    metadata.WriteTo(writer);
                }
                writer.WriteEndObject();
                break;
        }
        writer.WriteEndObject();
    }
}
