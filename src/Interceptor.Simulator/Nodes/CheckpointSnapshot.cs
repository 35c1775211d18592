namespace Interceptor.Simulator.Nodes;

/// <summary>Everything one container checkpoint archive records: who, which image, when, and the process state.</summary>
internal sealed record CheckpointSnapshot(
    string Namespace,
    string Pod,
    string PodUid,
    ContainerRuntime Container,
    DateTimeOffset CreatedAt,
    DateTimeOffset CheckpointedAt,
    long Counter,
    long MemoryBytes,
    bool RandomMemory);
