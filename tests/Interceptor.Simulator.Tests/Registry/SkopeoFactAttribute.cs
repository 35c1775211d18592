using Xunit;

namespace Interceptor.Simulator.Tests.Registry;

/// <summary>
/// A fact that needs the real skopeo: skipped, saying why, on a developer machine without it; never skipped
/// where CI=true, so CI cannot go green without having proved the registry against a real client.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SkopeoFactAttribute : FactAttribute
{
    public SkopeoFactAttribute()
    {
        if (Skopeo.Executable is null && !Skopeo.InCi)
        {
            Skip = "skopeo is not on PATH; install it (Debian: apt-get install -y skopeo) to run the real-client registry tests";
        }
    }
}
