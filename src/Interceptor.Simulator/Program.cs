using Interceptor.Simulator;
using Interceptor.Simulator.Hosting;

// Standalone fake kube-apiserver: `dotnet run --project src/Interceptor.Simulator -- --port 8001`,
// then point a client at the printed address. Runs until Ctrl-C or SIGTERM.
if (CommandLine.TryParse(args) is not { } options)
{
    return 2;
}
await using var server = await FakeApiServer.StartAsync(options);
Console.WriteLine($"Fake kube-apiserver listening on {server.BaseAddress}");
await CommandLine.ShutdownRequested();
return 0;
