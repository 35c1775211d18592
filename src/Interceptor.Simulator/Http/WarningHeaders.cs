namespace Interceptor.Simulator.Http;

/// <summary>
/// Admission warnings as the real server sends them (apiserver pkg/endpoints/handlers/responsewriters/warnings.go):
/// one <c>Warning: 299 - "text"</c> header each, which kubectl prints as <c>Warning: text</c>.
/// </summary>
internal static class WarningHeaders
{
    public static void Add(HttpContext context, IEnumerable<string> warnings)
    {
        foreach (var warning in warnings)
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
    }
}
