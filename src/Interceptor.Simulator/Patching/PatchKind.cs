using Interceptor.Simulator.Errors;

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
}

internal static class PatchKinds
{
    public const string MergeMediaType = "application/merge-patch+json";
    public const string JsonMediaType = "application/json-patch+json";
    public const string StrategicMediaType = "application/strategic-merge-patch+json";

    /// <summary>
    /// Maps the media type (parameters already stripped). Apply patches are not implemented; they get the
    /// real server's 415 message, listing what is accepted.
    /// </summary>
    public static PatchKind FromMediaType(string? mediaType) => mediaType switch
    {
        MergeMediaType => PatchKind.Merge,
        JsonMediaType => PatchKind.Json,
        StrategicMediaType => PatchKind.Strategic,
        _ => throw StatusErrors.UnsupportedMediaType(
            "the body of the request was in an unknown format - accepted media types include: " +
            $"{JsonMediaType}, {MergeMediaType}, {StrategicMediaType}"),
    };
}
