namespace Interceptor.Options;

/// <summary>The roles of the one executable (DESIGN section 2), chosen by <c>--role</c> or <c>Interceptor:Role</c>.</summary>
public static class InterceptorRoles
{
    public const string Webhook = "webhook";
    public const string Agent = "agent";

    /// <summary>Lets <c>--role agent</c> stand for <c>--Interceptor:Role=agent</c> on the command line.</summary>
    public static IDictionary<string, string> Switches { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--role"] = InterceptorOptions.Section + ":" + nameof(InterceptorOptions.Role),
    };

    public static bool IsKnown(string? role) => role is Webhook or Agent;

    /// <summary>The configured role, read before the options are bound (composition depends on it).</summary>
    public static string Of(IConfiguration configuration) =>
        configuration[InterceptorOptions.Section + ":" + nameof(InterceptorOptions.Role)] ?? Webhook;
}
