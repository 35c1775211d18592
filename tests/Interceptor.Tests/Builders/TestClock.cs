namespace Interceptor.Tests.Builders;

/// <summary>
/// The one fixed moment planner and status tests are decided at. The planner reads no clock (STYLE lesson 2), so a
/// timeout or a deadline is tested by placing phaseHistory times and deadlines relative to <see cref="Now"/>.
/// </summary>
public static class TestClock
{
    public static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    /// <summary><paramref name="span"/> before <see cref="Now"/>, as the status stores times (UTC <see cref="DateTime"/>).</summary>
    public static DateTime Ago(TimeSpan span) => (Now - span).UtcDateTime;

    public static DateTime Ago(int seconds) => Ago(TimeSpan.FromSeconds(seconds));

    public static DateTime In(TimeSpan span) => (Now + span).UtcDateTime;
}
