namespace Interceptor.Simulator.Tests.Support;

/// <summary>One kubectl binary of a known minor version; its ToString names the theory row.</summary>
public sealed record KubectlClient(string Version, string Executable)
{
    public override string ToString() => "kubectl " + Version;
}
