using Interceptor.Simulator;
using Interceptor.Simulator.Hosting;

// Standalone fake kube-apiserver: `dotnet run --project src/Interceptor.Simulator -- --port 8001`,
// then `kubectl --server http://127.0.0.1:8001 get pods` (as far as kubectl support goes so far).
var options = CommandLine.Parse(args);
await using var server = await FakeApiServer.StartAsync(options);
Console.WriteLine($"Fake kube-apiserver listening on {server.BaseAddress}");
await CommandLine.ShutdownRequested();
