using System.Text.RegularExpressions;

namespace Interceptor.Simulator.Validation;

/// <summary>IsDNS1123Label, IsDNS1123Subdomain and IsDNS1035Label (apimachinery pkg/util/validation/validation.go).</summary>
internal static partial class DnsNames
{
    private const string LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string SubdomainFormat = LabelFormat + "(\\." + LabelFormat + ")*";
    private const string Dns1035Format = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const int LabelMaxLength = 63;
    private const int SubdomainMaxLength = 253;

    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string Dns1035Message =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

    public static List<string> Dns1123Label(string value)
    {
        var errors = MaxLength(value, LabelMaxLength);
        if (!Label().IsMatch(value))
        {
            // A valid subdomain that is no label can only differ by its dots (the length is checked above).
            errors.Add(Subdomain().IsMatch(value)
                ? "must not contain dots"
                : ValidationMessages.Regex(LabelMessage, LabelFormat, "my-name", "123-abc"));
        }
        return errors;
    }

    public static List<string> Dns1123Subdomain(string value)
    {
        var errors = MaxLength(value, SubdomainMaxLength);
        if (!Subdomain().IsMatch(value))
        {
            errors.Add(ValidationMessages.Regex(SubdomainMessage, SubdomainFormat, "example.com"));
        }
        return errors;
    }

    public static List<string> Dns1035Label(string value)
    {
        var errors = MaxLength(value, LabelMaxLength);
        if (!Dns1035().IsMatch(value))
        {
            errors.Add(ValidationMessages.Regex(Dns1035Message, Dns1035Format, "my-name", "abc-123"));
        }
        return errors;
    }

    private static List<string> MaxLength(string value, int max) =>
        value.Length > max ? [ValidationMessages.MaxLen(max)] : [];

    [GeneratedRegex("^" + LabelFormat + "$")]
    private static partial Regex Label();

    [GeneratedRegex("^" + SubdomainFormat + "$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^" + Dns1035Format + "$")]
    private static partial Regex Dns1035();
}
