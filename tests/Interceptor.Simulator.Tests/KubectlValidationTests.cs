using Interceptor.Simulator.Tests.Support;
using Xunit;

namespace Interceptor.Simulator.Tests;

/// <summary>kubectl prints the server's 422 Invalid as for a real cluster.</summary>
public sealed class KubectlValidationTests : KubectlTest
{
    [KubectlFact]
    public async Task Create_f_of_a_pod_named_bad_name_is_refused_with_upstreams_message()
    {
        var manifest = Path.Combine(Path.GetDirectoryName(Kubectl.KubeconfigPath)!, "pod.yaml");
        await File.WriteAllTextAsync(manifest, """
            apiVersion: v1
            kind: Pod
            metadata:
              name: bad name
            spec:
              containers:
              - name: c
                image: busybox
            """);

        var result = await Kubectl.RunAsync(Quick, "create", "-f", manifest);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "The Pod \"bad name\" is invalid: metadata.name: Invalid value: \"bad name\": a lowercase RFC 1123 subdomain must " +
            "consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character " +
            "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n",
            result.Stderr);
        Assert.Empty(Server.Store.List(Resources.BuiltinResources.Pods).Items);
    }
}
