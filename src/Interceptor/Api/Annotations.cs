namespace Interceptor.Api;

/// <summary>Annotation keys Interceptor reads or writes.</summary>
public static class Annotations
{
    /// <summary>
    /// Per-pod failure policy: <c>Evict</c> (a failed migration lets the eviction through) or <c>Block</c>
    /// (keep answering 429 until an operator acts). Absent means the configured default.
    /// </summary>
    public const string OnFailure = "interceptor.dev/on-failure";

    /// <summary>
    /// On a pod: an operator's release of a blocked eviction (<c>onFailure: Block</c>). Any non-empty value lets the
    /// pod's evictions through without live migration while no migration of it is in progress. The controller writes
    /// it (the value: the PodMigration's name) when an operator deletes a failed Block migration, so the release
    /// outlives the deleted object; an operator may also set it by hand (<c>true</c>). It dies with the pod:
    /// a replacement pod is created from its template, without it.
    /// </summary>
    public const string Release = "interceptor.dev/release";

    /// <summary>The kubelet marks mirror pods of static pods with this annotation; they can never be migrated.</summary>
    public const string MirrorPod = "kubernetes.io/config.mirror";

    /// <summary>Static pods read from a file or URL carry this source annotation (file, http, api).</summary>
    public const string ConfigSource = "kubernetes.io/config.source";

    /// <summary>On a replacement pod: the name of the PodMigration that created it, so a retry finds it instead of creating another.</summary>
    public const string Migration = "interceptor.dev/migration";

    /// <summary>On a replacement pod: the UID of the pod it was restored from (the source's UID names its checkpoints).</summary>
    public const string RestoredFrom = "interceptor.dev/restored-from";

    /// <summary>
    /// On a parked replacement pod: a JSON object of the owner-matching label values it was created without
    /// (for example <c>{"pod-template-hash":"7d9f8c"}</c>). The commit patch puts them back and removes this
    /// annotation; until then the pod matches no ReplicaSet selector, so the ReplicaSet cannot delete it.
    /// </summary>
    public const string ParkedLabels = "interceptor.dev/parked-labels";

    /// <summary>
    /// Which pod a ReplicaSet deletes first when it has one too many, among pods equal in the checks before it
    /// (kubernetes pkg/controller/controller_utils.go ActivePodsWithRanks): lower cost goes first. An int32 as a string.
    /// </summary>
    public const string PodDeletionCost = "controller.kubernetes.io/pod-deletion-cost";
}
