using Xunit;

namespace Interceptor.Simulator.Tests.Support;

/// <summary>
/// A fact that needs the real kubectl: skipped, with the reason, on machines without it on PATH, so the suite
/// stays green there while still proving kubectl compatibility wherever kubectl is installed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class KubectlFactAttribute : FactAttribute
{
    internal const string NotInstalled =
        "kubectl is not on PATH; install kubectl (1.32 or newer) to run the kubectl compatibility tests";

    public KubectlFactAttribute()
    {
        if (Kubectl.Executable is null)
        {
            Skip = NotInstalled;
        }
    }
}
