using Xunit;
namespace Interceptor.Testing;

/// <summary>
/// A test that needs the real loopback registry (.ci/registry.sh). Skipped, with the reason, when
/// <see cref="TestRegistry.Variable"/> is unset outside CI; under CI=true it runs and fails on the
/// missing registry, so CI can never pass by silently skipping.
/// </summary>
public sealed class RegistryFactAttribute : FactAttribute
{
    public RegistryFactAttribute()
    {
        Skip = TestRegistry.SkipReason;
    }
}

/// <summary>The <see cref="TheoryAttribute"/> twin of <see cref="RegistryFactAttribute"/>.</summary>
public sealed class RegistryTheoryAttribute : TheoryAttribute
{
    public RegistryTheoryAttribute()
    {
        Skip = TestRegistry.SkipReason;
    }
}
