namespace Interceptor.Checkpoint.Tests.Support;

/// <summary>
/// The checkpointctl fixtures, found from the repository root (the directory holding
/// Interceptor.sln) so no path of a machine is written down.
/// </summary>
internal static class Fixtures
{
    public const string CriOConfig = "crio-config.dump";
    public const string CriOSpec = "crio-spec.dump";
    public const string CriOMinimalSpec = "crio-minimal-spec.dump";
    public const string PodmanSpec = "podman-spec.dump";

    public static readonly string[] All = [CriOConfig, CriOSpec, CriOMinimalSpec, PodmanSpec];

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The in-repository copy the tests use.</summary>
    public static string Directory => Path.Combine(RepositoryRoot, "tests", "Interceptor.Checkpoint.Tests", "Fixtures", "checkpointctl");

    /// <summary>The shared original beside the repository; may be absent.</summary>
    public static string SharedDirectory => Path.Combine(RepositoryRoot, "..", "shared", "fixtures", "checkpointctl");

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Interceptor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Interceptor.sln not found above the test assembly");
    }
}
