using Interceptor.Simulator;
using Interceptor.Simulator.Demo;
using Interceptor.Simulator.Hosting;

// `simulate`: a drain against the real Interceptor on a fake cluster (the README's main command).
// Otherwise a standalone fake kube-apiserver: `-- --port 8001`, until Ctrl-C or SIGTERM.
if (args is ["simulate", ..])
{
    return await SimulateCommand.RunAsync(Console.Out);
}

if (CommandLine.TryParse(args) is not { } options)
{
    return 2;
}

await using var server = await FakeApiServer.StartAsync(options);
Console.WriteLine($"Fake kube-apiserver listening on {server.BaseAddress}");
await CommandLine.ShutdownRequested();
return 0;
