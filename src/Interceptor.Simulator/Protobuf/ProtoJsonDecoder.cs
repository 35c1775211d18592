using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using FieldType = Google.Protobuf.Reflection.FieldDescriptorProto.Types.Type;

namespace Interceptor.Simulator.Protobuf;

/// <summary>
/// Turns a protobuf message of a Kubernetes type into the JSON the same Go object would marshal to, walking the
/// wire format with the message's descriptor. Proto field names are the Go json tags (go-to-protobuf names them
/// so), maps are JSON objects, bytes are base64 as encoding/json writes []byte.
/// </summary>
internal sealed class ProtoJsonDecoder(ProtoDescriptors descriptors)
{
    /// <summary>
    /// The message as JSON; null for a value Go writes as nothing (a zero Time). Fields at their zero value are
    /// left out: gogo-protobuf writes every non-pointer field, even "" and 0, and Go's <c>omitempty</c> drops them
    /// again when the server answers in JSON. (A pointer set to zero, e.g. <c>replicas: 0</c>, is lost this way:
    /// only the Go types know which fields are pointers.)
    /// </summary>
    public JsonNode? Decode(string fullName, ReadOnlySpan<byte> bytes)
    {
        var fields = ReadFields(descriptors.Message(fullName), bytes);
        if (ProtoSpecialTypes.TryConvert(fullName.TrimStart('.'), fields, out var special))
        {
            return special;
        }
        DropZeroScalars(fields);
        return fields;
    }

    private JsonObject ReadFields(DescriptorProto message, ReadOnlySpan<byte> bytes)
    {
        var fields = new JsonObject();
        var input = new CodedInputStream(bytes.ToArray());
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            var field = message.Field.FirstOrDefault(f => f.Number == number);
            if (field is null)
            {
                input.SkipLastField();
                continue;
            }
            ReadField(input, field, WireFormat.GetTagWireType(tag), fields);
        }
        return fields;
    }

    private void ReadField(CodedInputStream input, FieldDescriptorProto field, WireFormat.WireType wireType, JsonObject into)
    {
        if (field.Type == FieldType.Message && descriptors.Message(field.TypeName).Options?.MapEntry == true)
        {
            ReadMapEntry(input.ReadBytes().Span, descriptors.Message(field.TypeName), Child(into, field.Name, () => new JsonObject()));
        }
        else if (field.Label != FieldDescriptorProto.Types.Label.Repeated)
        {
            into[field.Name] = ReadValue(input, field);
        }
        else if (wireType == WireFormat.WireType.LengthDelimited && IsPackable(field.Type))
        {
            ReadPacked(input.ReadBytes().ToByteArray(), field, Child(into, field.Name, () => new JsonArray()));
        }
        else
        {
            Child(into, field.Name, () => new JsonArray()).Add(ReadValue(input, field));
        }
    }

    private void ReadMapEntry(ReadOnlySpan<byte> bytes, DescriptorProto entry, JsonObject map)
    {
        var input = new CodedInputStream(bytes.ToArray());
        string key = "";
        JsonNode? value = null;
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            var field = entry.Field.FirstOrDefault(f => f.Number == WireFormat.GetTagFieldNumber(tag));
            if (field is null)
            {
                input.SkipLastField();
            }
            else if (field.Number == 1)
            {
                key = input.ReadString();
            }
            else
            {
                value = ReadValue(input, field);
            }
        }
        // A map value keeps its zero ("" is a valid label value); only message fields drop theirs.
        map[key] = value ?? (entry.Field.Single(f => f.Number == 2).Type == FieldType.String ? "" : null);
    }

    private void ReadPacked(byte[] bytes, FieldDescriptorProto field, JsonArray into)
    {
        var input = new CodedInputStream(bytes);
        while (!input.IsAtEnd)
        {
            into.Add(ReadValue(input, field));
        }
    }

    private JsonNode? ReadValue(CodedInputStream input, FieldDescriptorProto field) => field.Type switch
    {
        FieldType.Message => Decode(field.TypeName, input.ReadBytes().Span),
        FieldType.String => input.ReadString(),
        FieldType.Bytes => Convert.ToBase64String(input.ReadBytes().Span),
        FieldType.Bool => input.ReadBool(),
        FieldType.Int32 => input.ReadInt32(),
        FieldType.Int64 => input.ReadInt64(),
        FieldType.Uint32 => input.ReadUInt32(),
        FieldType.Uint64 => input.ReadUInt64(),
        FieldType.Sint32 => input.ReadSInt32(),
        FieldType.Sint64 => input.ReadSInt64(),
        FieldType.Fixed32 => input.ReadFixed32(),
        FieldType.Fixed64 => input.ReadFixed64(),
        FieldType.Sfixed32 => input.ReadSFixed32(),
        FieldType.Sfixed64 => input.ReadSFixed64(),
        FieldType.Double => input.ReadDouble(),
        FieldType.Float => input.ReadFloat(),
        FieldType.Enum => input.ReadEnum(),
        _ => throw new InvalidDataException($"protobuf field {field.Name} has unsupported type {field.Type}"),
    };

    private static bool IsPackable(FieldType type) =>
        type is not (FieldType.String or FieldType.Bytes or FieldType.Message or FieldType.Group);

    private static T Child<T>(JsonObject parent, string name, Func<T> create)
        where T : JsonNode
    {
        if (parent[name] is not T child)
        {
            child = create();
            parent[name] = child;
        }
        return child;
    }

    private static void DropZeroScalars(JsonObject fields)
    {
        foreach (var name in fields.Where(p => IsZero(p.Value)).Select(p => p.Key).ToList())
        {
            fields.Remove(name);
        }
    }

    private static bool IsZero(JsonNode? value) =>
        value is null || (value is JsonValue && value.ToJsonString() is "\"\"" or "0" or "false");
}
