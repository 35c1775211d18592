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

    /// <summary>
    /// Node label an operator sets once restore is turned on in that node's container runtime: restore is off by
    /// default in current runtimes, so it is a per-node fact and never assumed (DESIGN section 4). CRI-O needs
    /// <c>[crio.checkpoint_restore] container_level_enabled = "checkpoint_restore"</c>; containerd 2.2.7+ and 2.3.4+
    /// need <c>enable_experimental_restore_via_create = true</c>; containerd 2.4 cannot restore at all.
    /// Only nodes with the value <see cref="RestoreEnabled"/> are migration targets.
    /// </summary>
    public const string RestoreCapable = "interceptor.dev/restore";

    /// <summary>The value of <see cref="RestoreCapable"/> that makes a node a migration target; any other value does not.</summary>
    public const string RestoreEnabled = "enabled";

    /// <summary>
    /// The label a Deployment's ReplicaSet selects its pods by. A parked replacement carries a value no ReplicaSet
    /// selects, so the ReplicaSet neither adopts nor deletes it while it restores (DESIGN section 5).
    /// </summary>
    public const string PodTemplateHash = "pod-template-hash";
}
