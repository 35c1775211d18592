using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// What both seccomp checks read (check_seccompProfile_baseline.go and _restricted.go): who set
/// <c>seccompProfile.type</c> to something other than RuntimeDefault or Localhost, and the message for it.
/// </summary>
internal sealed class SeccompProfiles
{
    private SeccompProfiles(PodUnderReview pod)
    {
        PodType = Type(pod.PodSecurityContext);
        foreach (var container in pod.Containers)
        {
            var type = Type(PodUnderReview.SecurityContext(container));
            Containers.Add((PodUnderReview.Name(container), type));
        }
    }

    /// <summary>The pod-level type, null when the pod sets no profile.</summary>
    public string? PodType { get; }

    /// <summary>Each container's type, null when it sets no profile.</summary>
    public List<(string Name, string? Type)> Containers { get; } = [];

    public static SeccompProfiles Of(PodUnderReview pod) => new(pod);

    public static bool Valid(string? type) => type is "RuntimeDefault" or "Localhost";

    /// <summary>The explicit-bad-value result both checks share, or null when nothing sets a bad type.</summary>
    public CheckResult? ExplicitlyBad()
    {
        var badPod = PodType is not null && !Valid(PodType);
        var badContainers = Containers.Where(c => c.Type is not null && !Valid(c.Type)).ToList();
        var setters = Wording.Setters(badPod, [.. badContainers.Select(c => c.Name)]);
        if (setters.Count == 0)
        {
            return null;
        }
        var values = badContainers.Select(c => c.Type!).Concat(badPod ? [PodType!] : []);
        return new CheckResult("seccompProfile",
            $"{string.Join(" and ", setters)} must not set securityContext.seccompProfile.type to {Wording.JoinQuote(Wording.SortedSet(values))}");
    }

    // A profile without a type is invalid API input; it reads as an empty type here, which no check allows.
    private static string? Type(JsonObject? securityContext) =>
        securityContext?["seccompProfile"] is JsonObject profile ? Meta.String(profile, "type") ?? "" : null;
}
