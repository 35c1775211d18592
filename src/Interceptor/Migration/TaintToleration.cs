using System.Globalization;
using k8s.Models;

namespace Interceptor.Migration;

/// <summary>
/// Taints that keep the pod off a node, as kubernetes pkg/scheduler/framework/plugins/tainttoleration (Filter)
/// decides: only NoSchedule and NoExecute count (PreferNoSchedule only scores), and each must be tolerated by one
/// of the pod's tolerations under staging/src/k8s.io/api/core/v1/toleration.go ToleratesTaint.
/// </summary>
public static class TaintToleration
{
    public const string NoSchedule = "NoSchedule";
    public const string NoExecute = "NoExecute";

    /// <summary>The first filtering taint no toleration answers; null when the pod tolerates them all.</summary>
    public static V1Taint? FirstUntolerated(IList<V1Taint>? taints, IList<V1Toleration>? tolerations) =>
        (taints ?? []).FirstOrDefault(taint =>
            taint.Effect is NoSchedule or NoExecute && !(tolerations ?? []).Any(t => Tolerates(t, taint)));

    /// <summary>
    /// An empty effect answers every effect; an empty key (only valid with Exists) answers every key; Exists answers
    /// every value; Equal (or no operator) needs the same value; Lt and Gt compare the values as integers.
    /// </summary>
    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
        {
            return false;
        }

        return toleration.OperatorProperty switch
        {
            null or "" or "Equal" => (toleration.Value ?? "") == (taint.Value ?? ""),
            "Exists" => true,
            "Lt" => Numeric(taint.Value, toleration.Value) is { } c && c < 0,
            "Gt" => Numeric(taint.Value, toleration.Value) is { } c && c > 0,
            _ => false,
        };
    }

    public static string Describe(V1Taint taint) =>
        string.IsNullOrEmpty(taint.Value) ? $"{taint.Key}:{taint.Effect}" : $"{taint.Key}={taint.Value}:{taint.Effect}";

    /// <summary>Taint value compared with toleration value; null when either is not an int64 (upstream then does not tolerate).</summary>
    private static int? Numeric(string? taintValue, string? tolerationValue) =>
        long.TryParse(taintValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var taint)
        && long.TryParse(tolerationValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var toleration)
            ? taint.CompareTo(toleration)
            : null;
}
