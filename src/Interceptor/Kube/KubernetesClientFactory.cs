using Interceptor.Options;
using k8s;

namespace Interceptor.Kube;

/// <summary>Builds the real KubernetesClient from options: a plain host (simulator), a kubeconfig, or in-cluster.</summary>
public static class KubernetesClientFactory
{
    public static IKubernetes Create(KubernetesOptions options)
    {
        var config = !string.IsNullOrEmpty(options.Host)
            ? new KubernetesClientConfiguration { Host = options.Host }
            : !string.IsNullOrEmpty(options.Kubeconfig)
                ? KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig)
                : KubernetesClientConfiguration.InClusterConfig();

        // Watches stay open for minutes; each admission-path call carries its own, much shorter, deadline.
        config.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        return new Kubernetes(config);
    }
}
