using System.Globalization;
using System.Text.RegularExpressions;

namespace Interceptor.Simulator.Demo;

/// <summary>One series of the interceptor's <c>interceptor_admission_decisions_total</c>, read from its /metrics text.</summary>
public sealed partial record AdmissionDecisionCount(string Decision, string Reason, bool DryRun, long Count)
{
    public static IReadOnlyList<AdmissionDecisionCount> Parse(string metrics) =>
        [.. metrics.Split('\n').Select(l => Series().Match(l)).Where(m => m.Success).Select(m => new AdmissionDecisionCount(
            m.Groups["decision"].Value, m.Groups["reason"].Value, m.Groups["dry"].Value == "true",
            (long)double.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture)))];

    [GeneratedRegex("""^interceptor_admission_decisions_total\{decision="(?<decision>[^"]*)",reason="(?<reason>[^"]*)",dry_run="(?<dry>[^"]*)"\} (?<count>[0-9.eE+]+)\s*$""")]
    private static partial Regex Series();
}
