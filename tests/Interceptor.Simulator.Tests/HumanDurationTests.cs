using Interceptor.Simulator.Tables;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>The AGE strings of Table cells, against apimachinery duration.HumanDuration's own cases.</summary>
public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(-1, "0s")]
    [InlineData(-5, "<invalid>")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(200, "3m20s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 30 * 60, "3h30m")]
    [InlineData(10 * 3600, "10h")]
    [InlineData(50 * 3600, "2d2h")]
    [InlineData(10 * 86400, "10d")]
    [InlineData(800 * 86400, "2y70d")]
    [InlineData(3000 * 86400, "8y")]
    public void Formats_like_the_real_server(int seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
}
