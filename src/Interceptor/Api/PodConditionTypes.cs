namespace Interceptor.Api;

/// <summary>Pod condition types Interceptor owns.</summary>
public static class PodConditionTypes
{
    /// <summary>
    /// The readiness gate the mutating webhook adds to opted-in pods. The controller sets it True once such a pod runs
    /// and False just before its checkpoint, so Services stop sending it requests whose effects would be lost.
    /// </summary>
    public const string Serving = "interceptor.dev/serving";
}
