namespace Interceptor.Testing;

/// <summary>Finds files of this repository from a test's output directory.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Interceptor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Interceptor.sln not found above " + AppContext.BaseDirectory);
    }
}
