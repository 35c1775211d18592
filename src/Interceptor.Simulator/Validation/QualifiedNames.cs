using System.Text.RegularExpressions;

namespace Interceptor.Simulator.Validation;

/// <summary>IsQualifiedName and IsValidLabelValue (apimachinery pkg/util/validation/validation.go): label keys and values.</summary>
internal static partial class QualifiedNames
{
    private const string NameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string ValueFormat = "(" + NameFormat + ")?";
    private const int MaxLength = 63;

    private const string NameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string ValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private static readonly string[] NameExamples = ["MyName", "my.name", "123-abc"];

    /// <summary>An optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static List<string> QualifiedName(string value)
    {
        var parts = value.Split('/');
        if (parts.Length > 2)
        {
            return ["a qualified name " + ValidationMessages.Regex(NameMessage, NameFormat, NameExamples) +
                " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
        }
        var errors = parts.Length == 2 ? PrefixErrors(parts[0]) : [];
        var name = parts[^1];
        if (name.Length == 0)
        {
            errors.Add("name part " + ValidationMessages.Empty);
        }
        else if (name.Length > MaxLength)
        {
            errors.Add("name part " + ValidationMessages.MaxLen(MaxLength));
        }
        if (!Name().IsMatch(name))
        {
            errors.Add("name part " + ValidationMessages.Regex(NameMessage, NameFormat, NameExamples));
        }
        return errors;
    }

    public static List<string> LabelValue(string value)
    {
        var errors = value.Length > MaxLength ? [ValidationMessages.MaxLen(MaxLength)] : new List<string>();
        if (!Value().IsMatch(value))
        {
            errors.Add(ValidationMessages.Regex(ValueMessage, ValueFormat, "MyValue", "my_value", "12345"));
        }
        return errors;
    }

    private static List<string> PrefixErrors(string prefix) =>
        prefix.Length == 0
            ? ["prefix part " + ValidationMessages.Empty]
            : [.. DnsNames.Dns1123Subdomain(prefix).Select(message => "prefix part " + message)];

    [GeneratedRegex("^" + NameFormat + "$")]
    private static partial Regex Name();

    [GeneratedRegex("^" + ValueFormat + "$")]
    private static partial Regex Value();
}
