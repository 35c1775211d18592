using System.Web;

namespace Interceptor.Simulator.Recording;

/// <summary>One request as the fake server received it; tests assert on these and fault rules match them.</summary>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="Path">Decoded URL path, e.g. <c>/api/v1/namespaces/default/pods</c>.</param>
/// <param name="QueryString">Raw query without the leading <c>?</c> (still URL-encoded).</param>
/// <param name="Time">Arrival time by the server's <see cref="TimeProvider"/>.</param>
public sealed record RecordedRequest(string Method, string Path, string QueryString, DateTimeOffset Time)
{
    /// <summary>A decoded query parameter, e.g. <c>Query("labelSelector")</c>.</summary>
    public string? Query(string name) => HttpUtility.ParseQueryString(QueryString)[name];

    /// <summary>True for <c>watch=true</c> / <c>watch=1</c> list requests.</summary>
    public bool IsWatch => Query("watch") is "true" or "1";

    public override string ToString() => QueryString.Length == 0 ? $"{Method} {Path}" : $"{Method} {Path}?{QueryString}";
}
