namespace Interceptor.Simulator.Patching;

/// <summary>The patch formats the fake server understands, keyed by Content-Type.</summary>
public enum PatchKind
{
    /// <summary>RFC 7386, <c>application/merge-patch+json</c>.</summary>
    Merge,

    /// <summary>RFC 6902, <c>application/json-patch+json</c>.</summary>
    Json,

    /// <summary><c>application/strategic-merge-patch+json</c>, kubectl's default (see <see cref="StrategicMergePatch"/>).</summary>
    Strategic,

    /// <summary>Server-side apply, <c>application/apply-patch+yaml</c> (see <see cref="ServerSideApply"/>).</summary>
    Apply,
}
