using k8s;

namespace Interceptor.Bench.ApiServer;

/// <summary>A server under load, reached through its own real KubernetesClient: the fake server or the bare endpoint.</summary>
/// <param name="AfterRun">Puts the server back as the next run expects it (the fake server drops the pods a create run made).</param>
public sealed record Endpoint(string Transport, string Name, Kubernetes Client, Action AfterRun)
{
    public const string Fake = "fake";
    public const string Bare = "bare";
}
