namespace Interceptor.Simulator.Demo;

/// <summary>A replacement's counter as its kubelet reports it once Ready.</summary>
public sealed record CounterSighting(long InitialValue, bool Restored);
