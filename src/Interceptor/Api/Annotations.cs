namespace Interceptor.Api;

/// <summary>Annotation keys Interceptor reads or writes.</summary>
public static class Annotations
{
    /// <summary>
    /// Per-pod failure policy: <c>Evict</c> (a failed migration lets the eviction through) or <c>Block</c>
    /// (keep answering 429 until an operator acts). Absent means the configured default.
    /// </summary>
    public const string OnFailure = "interceptor.dev/on-failure";

    /// <summary>The kubelet marks mirror pods of static pods with this annotation; they can never be migrated.</summary>
    public const string MirrorPod = "kubernetes.io/config.mirror";

    /// <summary>Static pods read from a file or URL carry this source annotation (file, http, api).</summary>
    public const string ConfigSource = "kubernetes.io/config.source";
}
