namespace Interceptor.Simulator.Hosting;

/// <summary>The standalone server's options and where to write its kubeconfig (none when null).</summary>
internal sealed record StandaloneArguments(FakeApiServerOptions Options, string? KubeconfigPath);
