namespace Interceptor.Simulator.Demo;

/// <summary>One pod object (one UID) as the pod watch saw it over its life; times are since the simulation started.</summary>
/// <param name="OwnerUid">Its controller's UID: a replacement shares it with the pod it replaces; bare pods have none.</param>
public sealed record PodSighting(
    string Uid,
    string Name,
    string? OwnerKind,
    string? OwnerName,
    string? OwnerUid,
    bool OptedIn,
    string? Node,
    TimeSpan FirstSeen,
    TimeSpan? ReadyAt,
    TimeSpan? GoneAt);
