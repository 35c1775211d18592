using System.Globalization;

namespace Interceptor.Simulator.CustomResources.Schema;

/// <summary>
/// The formats whose values matter to the project's CRDs. <c>date-time</c> is RFC 3339 as strfmt parses it
/// (kube-openapi pkg/validation/strfmt ParseDateTime, several layouts); int32 and int64 bound integers (go-openapi
/// IsValueValidAgainstRange). Other formats (uuid, email, ...) are not checked here.
/// </summary>
internal static class SchemaFormats
{
    private static readonly string[] DateTimeLayouts =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    public static bool IsValid(string? format, string text) => format switch
    {
        "date-time" => DateTimeOffset.TryParseExact(text, DateTimeLayouts, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
        "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => true,
    };

    public static bool InRange(string? format, double number) => format switch
    {
        "int32" => number is >= int.MinValue and <= int.MaxValue,
        "int64" => number is >= long.MinValue and <= long.MaxValue,
        _ => true,
    };
}
