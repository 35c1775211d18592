namespace Interceptor.Simulator.Demo;

/// <summary>
/// How an in-process Interceptor (webhook or agent role) finds the fake API server: over HTTPS through a kubeconfig
/// carrying the server's CA, as in a real cluster; over plain HTTP by its address.
/// </summary>
public static class ApiServerConnection
{
    /// <summary>The one setting that points the service at <paramref name="cluster"/>; a kubeconfig is written into <paramref name="directory"/> when needed.</summary>
    public static KeyValuePair<string, string?> Setting(FakeApiServer cluster, string directory)
    {
        if (cluster.CertificateAuthority is null)
        {
            return new("Interceptor:Kubernetes:Host", cluster.BaseAddress.ToString());
        }

        var kubeconfig = Path.Combine(directory, "kubeconfig");
        cluster.WriteKubeconfig(kubeconfig);
        return new("Interceptor:Kubernetes:Kubeconfig", kubeconfig);
    }
}
