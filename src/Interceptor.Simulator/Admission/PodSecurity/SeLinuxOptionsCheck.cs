using System.Text.Json.Nodes;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// policy/check_seLinuxOptions.go (baseline): seLinuxOptions.type is empty or one of the container types, and
/// user and role are never set, on the pod or any container.
/// </summary>
internal static class SeLinuxOptionsCheck
{
    public static readonly PodSecurityCheck Check = new("seLinuxOptions", PodSecurityLevel.Baseline, Evaluate);

    private static readonly HashSet<string> AllowedTypes = ["", "container_t", "container_init_t", "container_kvm_t"];

    private static CheckResult? Evaluate(PodUnderReview pod)
    {
        var findings = new Findings();
        var badPod = !findings.Valid(pod.PodSecurityContext?["seLinuxOptions"] as JsonObject);
        var badContainers = pod.Containers
            .Where(c => !findings.Valid(PodUnderReview.SecurityContext(c)?["seLinuxOptions"] as JsonObject))
            .Select(PodUnderReview.Name).ToList();
        var setters = Wording.Setters(badPod, badContainers);
        return setters.Count == 0 ? null : new CheckResult("seLinuxOptions",
            $"{string.Join(" and ", setters)} set forbidden securityContext.seLinuxOptions: {string.Join("; ", findings.Describe())}");
    }

    private sealed class Findings
    {
        private readonly List<string> _types = [];
        private bool _user;
        private bool _role;

        public bool Valid(JsonObject? options)
        {
            if (options is null)
            {
                return true;
            }
            var type = Meta.String(options, "type") ?? "";
            var typeAllowed = AllowedTypes.Contains(type);
            if (!typeAllowed)
            {
                _types.Add(type);
            }
            var user = !string.IsNullOrEmpty(Meta.String(options, "user"));
            var role = !string.IsNullOrEmpty(Meta.String(options, "role"));
            _user |= user;
            _role |= role;
            return typeAllowed && !user && !role;
        }

        /// <summary>
        /// As upstream words it: user and role are only named when a bad type is too (with a bad user or role
        /// alone the message ends after the colon).
        /// </summary>
        public IEnumerable<string> Describe()
        {
            if (_types.Count == 0)
            {
                yield break;
            }
            var types = Wording.SortedSet(_types);
            yield return $"{Wording.Pluralize("type", "types", types.Count)} {Wording.JoinQuote(types)}";
            if (_user)
            {
                yield return "user may not be set";
            }
            if (_role)
            {
                yield return "role may not be set";
            }
        }
    }
}
