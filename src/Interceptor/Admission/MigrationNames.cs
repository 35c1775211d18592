namespace Interceptor.Admission;

/// <summary>
/// A PodMigration's name is a pure function of the pod: retries and concurrent webhook replicas all name the
/// same object, so creating it is idempotent (AlreadyExists means someone else did it first).
/// </summary>
public static class MigrationNames
{
    private const int MaxNameLength = 253;
    private const int UidPrefixLength = 8;

    public static string For(string podName, string podUid)
    {
        var suffix = "-" + new string(podUid.Where(char.IsAsciiLetterOrDigit).Take(UidPrefixLength).ToArray()).ToLowerInvariant();
        var head = podName.Length + suffix.Length > MaxNameLength ? podName[..(MaxNameLength - suffix.Length)].TrimEnd('-', '.') : podName;
        return head + suffix;
    }
}
