namespace Interceptor.Checkpoint.Tests.Support;

/// <summary>A directory under the system temp directory, removed with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public DirectoryInfo Info { get; } = Directory.CreateTempSubdirectory("interceptor-tests-");

    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(Info.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public DirectoryInfo Sub(string name) => Info.CreateSubdirectory(name);

    public void Dispose()
    {
        try
        {
            Info.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the system temp directory is cleaned eventually.
        }
    }
}
