using Interceptor.Simulator.Recording;

namespace Interceptor.Simulator.Faults;

/// <summary>A registered rule; dispose it (or pass it to <see cref="FaultInjector.Remove"/>) to stop it.</summary>
public sealed class FaultRule : IDisposable
{
    private readonly FaultInjector _owner;

    internal FaultRule(FaultInjector owner, Func<RecordedRequest, Fault?> match)
    {
        _owner = owner;
        Match = match;
    }

    internal Func<RecordedRequest, Fault?> Match { get; }

    public void Dispose() => _owner.Remove(this);
}
