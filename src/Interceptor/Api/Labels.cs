namespace Interceptor.Api;

/// <summary>Label keys and values Interceptor reads or writes. One home for the vocabulary.</summary>
public static class Labels
{
    /// <summary>
    /// Opt-in key, on pods and on namespaces.
    /// On a pod: <c>"true"</c> opts it in, <c>"false"</c> opts it out of a namespace-wide opt-in.
    /// On a namespace: <see cref="NamespaceAllPods"/> opts in every pod; <see cref="NamespaceOptIn"/> lets the
    /// webhook see the namespace while each pod opts in by its own label. The webhook's namespaceSelector
    /// matches exactly these two values, so other namespaces never reach the webhook at all.
    /// </summary>
    public const string Migrate = "interceptor.dev/migrate";

    public const string PodOptedIn = "true";
    public const string PodOptedOut = "false";
    public const string NamespaceAllPods = "true";
    public const string NamespaceOptIn = "opt-in";

    /// <summary>Set on a PodMigration: the UID of the pod it moves, so it can be found by selector.</summary>
    public const string PodUid = "interceptor.dev/pod-uid";

    /// <summary>Standard label marking who manages an object.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    public const string ManagedByValue = "interceptor";
}
