namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>policy/helpers.go joinQuote and pluralize, and sets.NewString().List() (sorted, distinct, ordinal).</summary>
internal static class Wording
{
    public static string JoinQuote(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "" : "\"" + string.Join("\", \"", list) + "\"";
    }

    public static string Pluralize(string singular, string plural, int count) => count == 1 ? singular : plural;

    /// <summary><c>container "a"</c> or <c>containers "a", "b"</c>.</summary>
    public static string Containers(IReadOnlyCollection<string> names) =>
        $"{Pluralize("container", "containers", names.Count)} {JoinQuote(names)}";

    /// <summary>The "pod and containers ..." subject several checks build: the pod when it set the bad value, then the containers.</summary>
    public static List<string> Setters(bool pod, IReadOnlyCollection<string> containers)
    {
        List<string> setters = pod ? ["pod"] : [];
        if (containers.Count > 0)
        {
            setters.Add(Containers(containers));
        }
        return setters;
    }

    public static List<string> SortedSet(IEnumerable<string> items) => [.. items.Distinct().Order(StringComparer.Ordinal)];
}
