namespace Interceptor.Api;

/// <summary>Pod condition types Interceptor owns (status.conditions of the pods it may move).</summary>
public static class PodConditionTypes
{
    /// <summary>
    /// The readiness gate of an opted-in pod, injected at creation by the mutating webhook (the field is immutable
    /// afterwards). A pod with the gate is Ready only while this condition is True as well: the controller sets it
    /// to False just before the checkpoint so Services stop sending new requests to the source (writes after the
    /// checkpoint would be lost), and back to True on a rollback. Until the controller first writes the condition,
    /// a missing condition counts as False, so the controller also sets it True on pods it has not touched yet.
    /// </summary>
    public const string Serving = "interceptor.dev/serving";
}
