using System.Text.Json;

namespace Interceptor.Simulator.Discovery;

/// <summary><c>/version</c>: a plausible Kubernetes 1.36 server, so version-gated clients take the modern paths.</summary>
internal static class VersionInfo
{
    public const string Major = "1";
    public const string Minor = "36";

    public static void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("major", Major);
        writer.WriteString("minor", Minor);
        writer.WriteString("emulationMajor", Major);
        writer.WriteString("emulationMinor", Minor);
        writer.WriteString("minCompatibilityMajor", Major);
        writer.WriteString("minCompatibilityMinor", "35");
        writer.WriteString("gitVersion", $"v{Major}.{Minor}.0");
        writer.WriteString("gitCommit", "0000000000000000000000000000000000000000");
        writer.WriteString("gitTreeState", "clean");
        writer.WriteString("buildDate", "2026-04-22T00:00:00Z");
        writer.WriteString("goVersion", "go1.25.9");
        writer.WriteString("compiler", "gc");
        writer.WriteString("platform", "linux/amd64");
        writer.WriteEndObject();
    }
}
