using Interceptor.Simulator.Demo;
using Xunit;

namespace Interceptor.Simulator.Tests.Demo;

public sealed class SimulateSettingsTests
{
    [Fact]
    public void No_arguments_give_three_nodes_six_pods_the_embedded_registry_and_short_demo_timings()
    {
        var settings = SimulateSettings.Parse([]);

        Assert.Equal(new SimulateSettings(3, 6, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)), settings);
    }

    [Fact]
    public void Every_option_is_read_in_both_spellings()
    {
        var settings = SimulateSettings.Parse(["--nodes", "5", "--pods=8", "--registry", "http://127.0.0.1:5000", "--pickup-timeout=1m30s", "--retry-interval", "500ms", "--timeout=2m"]);

        Assert.Equal(new SimulateSettings(5, 8, new Uri("http://127.0.0.1:5000"), TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(2)), settings);
    }

    public static TheoryData<string, string[], string> Refused => new()
    {
        { "an unknown option is named", ["--node", "3"], "unknown argument \"--node\"" },
        { "a bare word is not an option", ["drain"], "unknown argument \"drain\"" },
        { "an option needs its value", ["--pods"], "--pods needs a value" },
        { "one node leaves nowhere to drain to", ["--nodes", "1"], "--nodes needs a whole number from 2 to 20, not \"1\"" },
        { "three pods cannot hold one of each kind", ["--pods", "3"], "--pods needs a whole number from 4 to 100, not \"3\"" },
        { "a count is a whole number", ["--pods", "six"], "--pods needs a whole number from 4 to 100, not \"six\"" },
        { "the interceptor refuses a pickup timeout under 10s", ["--pickup-timeout", "5s"], "--pickup-timeout needs a duration of at least 10s" },
        { "a duration needs a unit", ["--timeout", "30"], "--timeout needs a duration of at least 1s (written like 500ms, 30s or 1m30s), not \"30\"" },
        { "a retry interval under 100ms would flood the webhook", ["--retry-interval", "10ms"], "--retry-interval needs a duration of at least 100ms" },
        { "a registry is an http(s) URL", ["--registry", "127.0.0.1:5000"], "--registry needs an http(s) URL" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Wrong_arguments_are_refused_saying_why(string sentence, string[] args, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => SimulateSettings.Parse(args));

        Assert.True(error.Message.StartsWith(message, StringComparison.Ordinal), $"{sentence}: {error.Message}");
    }

    public static TheoryData<string, TimeSpan> Durations => new()
    {
        { "500ms", TimeSpan.FromMilliseconds(500) },
        { "5s", TimeSpan.FromSeconds(5) },
        { "1m30s", TimeSpan.FromSeconds(90) },
        { "2h", TimeSpan.FromHours(2) },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void Durations_read_and_print_as_Go_writes_them(string text, TimeSpan expected)
    {
        Assert.True(SimulateSettings.TryParseDuration(text, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("5")]
    [InlineData("5d")]
    [InlineData("-5s")]
    [InlineData("1.5s")]
    public void Malformed_durations_are_not_read(string text) => Assert.False(SimulateSettings.TryParseDuration(text, out _));

    [Theory]
    [InlineData(500, "500ms")]
    [InlineData(5_000, "5s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(60_000, "1m0s")]
    [InlineData(90_000, "1m30s")]
    public void Durations_print_as_kubectl_prints_them(int milliseconds, string expected) =>
        Assert.Equal(expected, SimulateSettings.FormatDuration(TimeSpan.FromMilliseconds(milliseconds)));
}
