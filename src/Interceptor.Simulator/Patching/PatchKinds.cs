using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Patching;

/// <summary>
/// Which patch media types a resource accepts, as upstream lists them: built-ins
/// (staging/src/k8s.io/apiserver/pkg/endpoints/installer.go supportedTypes) take JSON, merge, strategic merge and
/// apply; custom resources (apiextensions-apiserver pkg/apiserver/customresource_handler.go) no strategic merge.
/// Anything else is patch.go's 415 from negotiation.NewUnsupportedMediaTypeError, listing them in that order.
/// </summary>
internal static class PatchKinds
{
    public const string MergeMediaType = "application/merge-patch+json";
    public const string JsonMediaType = "application/json-patch+json";
    public const string StrategicMediaType = "application/strategic-merge-patch+json";
    public const string ApplyMediaType = "application/apply-patch+yaml";

    private static readonly string[] BuiltinTypes = [JsonMediaType, MergeMediaType, StrategicMediaType, ApplyMediaType];
    private static readonly string[] CustomTypes = [JsonMediaType, MergeMediaType, ApplyMediaType];

    /// <summary>Maps the media type (parameters already stripped) for <paramref name="resource"/>.</summary>
    public static PatchKind FromMediaType(string? mediaType, ResourceType resource)
    {
        var accepted = resource.IsCustom ? CustomTypes : BuiltinTypes;
        if (mediaType is null || !accepted.Contains(mediaType))
        {
            throw StatusErrors.UnsupportedMediaType(
                $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}");
        }
        return mediaType switch
        {
            MergeMediaType => PatchKind.Merge,
            JsonMediaType => PatchKind.Json,
            StrategicMediaType => PatchKind.Strategic,
            _ => PatchKind.Apply,
        };
    }
}
