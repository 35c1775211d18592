namespace Interceptor.Checkpoint.Kubelet;

/// <summary>How a kubelet archive file name relates to one container (<see cref="ArchiveFileName.Match"/>).</summary>
public enum ArchiveNameMatch
{
    /// <summary>Not an archive of this container.</summary>
    None,

    /// <summary>An archive of this container and of no other: no other namespace/container split gives this name.</summary>
    Exact,

    /// <summary>
    /// This container's name, but also another's: pod <c>web</c> in namespace <c>prod</c> with container <c>x-app</c>
    /// and pod <c>web</c> in <c>prod-x</c> with <c>app</c> both get <c>checkpoint-web_prod-x-app-{time}.tar</c>.
    /// Only the archive's own metadata can tell.
    /// </summary>
    Ambiguous,
}
