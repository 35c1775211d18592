using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Validation;

/// <summary>
/// One field.Error (apimachinery pkg/util/validation/field/errors.go), rendered exactly as Go renders it, because
/// the 422 message and each Status cause carry this text and clients match on it.
/// </summary>
/// <param name="BadValue">The offending value; null renders as <c>null</c>. Ignored when <paramref name="OmitValue"/>.</param>
internal sealed record FieldError(FieldErrorType Type, string Field, JsonNode? BadValue, string Detail, bool OmitValue = false)
{
    public static FieldError Required(string field, string detail = "") => new(FieldErrorType.Required, field, null, detail, OmitValue: true);

    public static FieldError Invalid(string field, JsonNode? value, string detail) => new(FieldErrorType.Invalid, field, value, detail);

    public static FieldError TypeInvalid(string field, JsonNode? value, string detail) => new(FieldErrorType.TypeInvalid, field, value, detail);

    /// <summary>field.NotSupported: the detail lists the valid values, each quoted (strconv.Quote), joined by ", ".</summary>
    public static FieldError NotSupported(string field, JsonNode? value, IEnumerable<string> valid) =>
        new(FieldErrorType.NotSupported, field, value, "supported values: " + string.Join(", ", valid.Select(GoQuote)));

    /// <summary>field.TooLong (1.32+, which TooLongMaxLength now calls): the value itself is never printed.</summary>
    public static FieldError TooLong(string field, long max) =>
        new(FieldErrorType.TooLong, field, null, $"may not be more than {max} bytes", OmitValue: true);

    public static FieldError TooMany(string field, int actual, long max) =>
        new(FieldErrorType.TooMany, field, JsonValue.Create(actual), $"must have at most {max} items");

    public static FieldError Duplicate(string field, JsonNode? value) => new(FieldErrorType.Duplicate, field, value, "");

    public static FieldError Forbidden(string field, string detail) => new(FieldErrorType.Forbidden, field, null, detail, OmitValue: true);

    /// <summary>ErrorType.String().</summary>
    public string TypeText => Type switch
    {
        FieldErrorType.Required => "Required value",
        FieldErrorType.Invalid or FieldErrorType.TypeInvalid => "Invalid value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.TooLong => "Too long",
        FieldErrorType.TooMany => "Too many",
        FieldErrorType.Duplicate => "Duplicate value",
        _ => "Forbidden",
    };

    /// <summary>The Status cause type (metav1.CauseType, the ErrorType's value).</summary>
    public string CauseType => Type switch
    {
        FieldErrorType.Required => "FieldValueRequired",
        FieldErrorType.Invalid => "FieldValueInvalid",
        FieldErrorType.TypeInvalid => "FieldValueTypeInvalid",
        FieldErrorType.NotSupported => "FieldValueNotSupported",
        FieldErrorType.TooLong => "FieldValueTooLong",
        FieldErrorType.TooMany => "FieldValueTooMany",
        FieldErrorType.Duplicate => "FieldValueDuplicate",
        _ => "FieldValueForbidden",
    };

    /// <summary>Error.ErrorBody(): type, then the value (unless omitted), then the detail.</summary>
    public string Body
    {
        get
        {
            var body = OmitValue || Type is FieldErrorType.Required or FieldErrorType.Forbidden or FieldErrorType.TooLong
                ? TypeText
                : $"{TypeText}: {GoValue(BadValue)}";
            return Detail.Length > 0 ? $"{body}: {Detail}" : body;
        }
    }

    /// <summary>Error.Error(): <c>field: body</c>.</summary>
    public override string ToString() => $"{Field}: {Body}";

    /// <summary>How Go's %v/%q/%#v print the decoded JSON value in ErrorBody (a nil value becomes the string "null", quoted).</summary>
    private static string GoValue(JsonNode? value) => value switch
    {
        null => "\"null\"",
        JsonValue v when v.TryGetValue<string>(out var s) => GoQuote(s),
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue v when v.TryGetValue<long>(out var l) => l.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString("R", CultureInfo.InvariantCulture),
        JsonObject o => "map[string]interface {}{" + string.Join(", ", o.Select(p => $"{GoQuote(p.Key)}:{GoValue(p.Value)}")) + "}",
        _ => value.ToJsonString(),
    };

    /// <summary>strconv.Quote for the printable text validation deals with.</summary>
    internal static string GoQuote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                < ' ' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }
}
