using Interceptor.Checkpoint.Registry;

namespace Interceptor.Testing;

/// <summary>
/// The real loopback registry .ci/registry.sh starts, found through environment variables only. Compiled into
/// each test project that needs it (tests/Shared, linked from the project files).
/// </summary>
internal static class TestRegistry
{
    public const string Variable = "INTERCEPTOR_TEST_REGISTRY";
    public const string TlsVariable = "INTERCEPTOR_TEST_REGISTRY_TLS";
    public const string CaVariable = "INTERCEPTOR_TEST_REGISTRY_CA";

    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null (run) when the registry is configured or under CI; otherwise why the test is skipped.</summary>
    public static string? SkipReason =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } || InCi
            ? null
            : $"needs a real registry: run `.ci/registry.sh` and export the {Variable}* variables it prints";

    public static Uri Endpoint => Required(Variable);

    public static Uri TlsEndpoint => Required(TlsVariable);

    public static string CaPath => Environment.GetEnvironmentVariable(CaVariable) is { Length: > 0 } path
        ? path
        : throw new InvalidOperationException($"{CaVariable} is not set: .ci/registry.sh sets it (CI must run with a registry).");

    /// <summary>A repository no other test uses, so tests run in parallel against one registry.</summary>
    public static string NewRepository(string purpose) => $"interceptor-tests/{purpose}-{Guid.NewGuid():N}";

    public static RegistryOptions Options(Uri? endpoint = null) => new() { Endpoint = endpoint ?? Endpoint, AttemptTimeout = TimeSpan.FromSeconds(30) };

    public static RegistryClient Client(RegistryOptions? options = null)
    {
        var resolved = options ?? Options();
        return new RegistryClient(RegistryHttpClient.Create(resolved), resolved);
    }

    private static Uri Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? new Uri(value)
            : throw new InvalidOperationException($"{variable} is not set: .ci/registry.sh sets it (CI must run with a registry).");
}
