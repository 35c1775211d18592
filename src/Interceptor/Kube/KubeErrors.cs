using System.Net;
using k8s.Autorest;

namespace Interceptor.Kube;

/// <summary>One place that reads KubernetesClient failures.</summary>
public static class KubeErrors
{
    public static bool IsNotFound(Exception e) => StatusOf(e) == HttpStatusCode.NotFound;

    public static bool IsAlreadyExists(Exception e) => StatusOf(e) == HttpStatusCode.Conflict;

    /// <summary>A bounded vocabulary for why a call failed: a metric label and a log field.</summary>
    public static string Cause(Exception e) => e switch
    {
        OperationCanceledException => "Timeout",
        HttpOperationException http => $"ApiError{(int)http.Response.StatusCode}",
        HttpRequestException => "ApiUnreachable",
        _ => "Internal",
    };

    private static HttpStatusCode? StatusOf(Exception e) => (e as HttpOperationException)?.Response?.StatusCode;
}
