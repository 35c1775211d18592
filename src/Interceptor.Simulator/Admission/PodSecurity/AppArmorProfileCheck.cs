using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// policy/check_appArmorProfile.go (baseline): appArmorProfile.type on the pod or a container is RuntimeDefault or
/// Localhost, and the deprecated <c>container.apparmor.security.beta.kubernetes.io/*</c> annotations are empty,
/// runtime/default or localhost/*.
/// </summary>
internal static class AppArmorProfileCheck
{
    public static readonly PodSecurityCheck Check = new("appArmorProfile", PodSecurityLevel.Baseline, Evaluate);

    private const string AnnotationPrefix = "container.apparmor.security.beta.kubernetes.io/";

    private static CheckResult? Evaluate(PodUnderReview pod)
    {
        var values = new List<string>();
        var podType = Type(pod.PodSecurityContext);
        var badPod = podType is not null && !Allowed(podType);
        if (badPod)
        {
            values.Add(podType!);
        }
        var badContainers = new List<string>();
        foreach (var container in pod.Containers)
        {
            if (Type(PodUnderReview.SecurityContext(container)) is { } type && !Allowed(type))
            {
                badContainers.Add(PodUnderReview.Name(container));
                values.Add(type);
            }
        }
        var annotations = pod.Annotations
            .Where(a => a.Key.StartsWith(AnnotationPrefix, StringComparison.Ordinal) && !AllowedAnnotation(a.Value))
            .Select(a => $"{a.Key}=\"{a.Value}\"").Order(StringComparer.Ordinal).ToList();
        var setters = Wording.Setters(badPod, badContainers);
        if (annotations.Count > 0)
        {
            setters.Add(Wording.Pluralize("annotation", "annotations", annotations.Count));
        }
        var listed = Wording.SortedSet(values).Concat(annotations).ToList();
        return setters.Count == 0 ? null : new CheckResult(
            Wording.Pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", listed.Count),
            $"{string.Join(" and ", setters)} must not set AppArmor profile type to {Wording.JoinQuote(listed)}");
    }

    private static string? Type(JsonObject? securityContext) =>
        securityContext?["appArmorProfile"] is JsonObject profile ? Meta.String(profile, "type") ?? "" : null;

    private static bool Allowed(string type) => type is "RuntimeDefault" or "Localhost";

    private static bool AllowedAnnotation(string value) =>
        value.Length == 0 || value == "runtime/default" || value.StartsWith("localhost/", StringComparison.Ordinal);
}
