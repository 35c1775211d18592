namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// A level and the version label's text (api/helpers.go LevelVersion). Every version is evaluated with the newest
/// checks; the version only shows in messages, as <c>restricted:latest</c> or <c>restricted:v1.30</c>.
/// </summary>
internal sealed record LevelVersion(PodSecurityLevel Level, string Version)
{
    public static readonly LevelVersion PrivilegedLatest = new(PodSecurityLevel.Privileged, "latest");

    public override string ToString() => $"{Level.ToString().ToLowerInvariant()}:{Version}";
}
