namespace Interceptor.Simulator.Tests.Support;

/// <summary>
/// The kubectl clients installed beside the one on PATH. A Cloud SDK kubectl is a dispatcher that runs one of its
/// bundled <c>kubectl.1.NN</c> binaries (by the server's version); the tests run the bundled ones directly, so each
/// version is exercised whatever the fake server reports.
/// </summary>
public static class KubectlClients
{
    /// <summary>Every <c>kubectl.1.NN</c> beside kubectl, oldest first; kubectl itself when there are none.</summary>
    public static IReadOnlyList<KubectlClient> Installed { get; } = Find();

    private static List<KubectlClient> Find()
    {
        if (Kubectl.Executable is not { } onPath)
        {
            return [];
        }
        var real = new FileInfo(onPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? onPath;
        var bundled = Directory.EnumerateFiles(Path.GetDirectoryName(real)!, "kubectl.1.*")
            .Select(path => new KubectlClient(Path.GetFileName(path)["kubectl.".Length..], path))
            .Where(client => Version.TryParse(client.Version, out _))
            .OrderBy(client => Version.Parse(client.Version))
            .ToList();
        return bundled.Count > 0 ? bundled : [new KubectlClient("on PATH", onPath)];
    }
}
