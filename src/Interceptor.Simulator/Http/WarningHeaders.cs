using System.Text;

namespace Interceptor.Simulator.Http;

/// <summary>
/// apiserver's warning recorder (apimachinery util/net NewWarningHeader): one <c>Warning: 299 - "text"</c> header
/// per distinct warning, the text a quoted-string with <c>"</c> and <c>\</c> escaped. kubectl prints each as
/// <c>Warning: text</c> on stderr.
/// </summary>
internal static class WarningHeaders
{
    public static void Add(HttpContext context, IEnumerable<string> warnings) => Add(context.Response, warnings);

    public static void Add(HttpResponse response, IEnumerable<string> warnings)
    {
        foreach (var warning in warnings.Distinct(StringComparer.Ordinal))
        {
            response.Headers.Append("Warning", $"299 - {Quote(warning)}");
        }
    }

    private static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                quoted.Append('\\');
            }
            quoted.Append(c);
        }
        return quoted.Append('"').ToString();
    }
}
