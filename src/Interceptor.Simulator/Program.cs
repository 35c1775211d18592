using Interceptor.Simulator;
using Interceptor.Simulator.Demo;
using Interceptor.Simulator.Hosting;

// `simulate [--nodes N] [--pods M] ...`: a drain against the real Interceptor on a fake cluster (the README's main command).
// Otherwise a standalone fake kube-apiserver: `-- --port 8001 [--https --kubeconfig PATH]`, until Ctrl-C or SIGTERM.
if (args is ["simulate", ..])
{
    return CommandLine.TryParseSimulate(args[1..]) is { } settings ? await SimulateCommand.RunAsync(Console.Out, settings) : 2;
}

if (CommandLine.TryParse(args) is not { } arguments)
{
    return 2;
}

await using var server = await FakeApiServer.StartAsync(arguments.Options);
Console.WriteLine($"Fake kube-apiserver listening on {server.BaseAddress}");
if (arguments.KubeconfigPath is { } kubeconfig)
{
    server.WriteKubeconfig(kubeconfig);
    Console.WriteLine($"kubeconfig written to {kubeconfig}");
}
await CommandLine.ShutdownRequested();
return 0;
