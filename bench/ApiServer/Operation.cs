using k8s;

namespace Interceptor.Bench.ApiServer;

/// <summary>
/// One closed-loop request kind: <see cref="Send"/> makes one request through the client, checks the answer (throws
/// when it is wrong) and returns how many objects it carried.
/// </summary>
public sealed record Operation(string Scenario, int Workers, Func<Kubernetes, int, CancellationToken, Task<int>> Send);
