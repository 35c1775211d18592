using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// The policy a namespace's <c>pod-security.kubernetes.io/*</c> labels ask for (api/helpers.go PolicyToEvaluate),
/// over the default AdmissionConfiguration (privileged:latest for all three modes). An invalid level enforces
/// restricted and fails open (privileged) for audit and warn; an invalid version is latest.
/// </summary>
internal sealed partial record NamespacePolicy(LevelVersion Enforce, LevelVersion Audit, LevelVersion Warn)
{
    private const string Prefix = "pod-security.kubernetes.io/";

    public static readonly NamespacePolicy Default = new(LevelVersion.PrivilegedLatest, LevelVersion.PrivilegedLatest, LevelVersion.PrivilegedLatest);

    public bool IsAllPrivileged => Enforce.Level == PodSecurityLevel.Privileged && WarnAndAuditPrivileged;

    public bool WarnAndAuditPrivileged => Warn.Level == PodSecurityLevel.Privileged && Audit.Level == PodSecurityLevel.Privileged;

    public static NamespacePolicy FromLabels(JsonObject? labels) => labels is null
        ? Default
        : new(Mode(labels, "enforce", PodSecurityLevel.Restricted), Mode(labels, "audit", PodSecurityLevel.Privileged), Mode(labels, "warn", PodSecurityLevel.Privileged));

    private static LevelVersion Mode(JsonObject labels, string mode, PodSecurityLevel whenInvalid)
    {
        var level = Meta.String(labels, Prefix + mode) switch
        {
            null => PodSecurityLevel.Privileged,
            "privileged" => PodSecurityLevel.Privileged,
            "baseline" => PodSecurityLevel.Baseline,
            "restricted" => PodSecurityLevel.Restricted,
            _ => whenInvalid,
        };
        var version = Meta.String(labels, Prefix + mode + "-version");
        return new(level, version is not null && VersionPattern().IsMatch(version) ? version : "latest");
    }

    /// <summary>api/helpers.go versionRegexp, plus <c>latest</c>.</summary>
    [GeneratedRegex(@"^(latest|v1\.([0-9]|[1-9][0-9]*))$")]
    private static partial Regex VersionPattern();
}
