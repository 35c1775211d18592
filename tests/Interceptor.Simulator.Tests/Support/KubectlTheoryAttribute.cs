using Xunit;

namespace Interceptor.Simulator.Tests.Support;

/// <summary>A theory that needs the real kubectl: skipped, with the reason, where kubectl is not on PATH.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class KubectlTheoryAttribute : TheoryAttribute
{
    public KubectlTheoryAttribute()
    {
        if (Kubectl.Executable is null)
        {
            Skip = KubectlFactAttribute.NotInstalled;
        }
    }
}
