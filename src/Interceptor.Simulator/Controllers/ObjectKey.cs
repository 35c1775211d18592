namespace Interceptor.Simulator.Controllers;

/// <summary>What a controller queues: a name, never an object, so each sync re-reads current state.</summary>
internal readonly record struct ObjectKey(string Namespace, string Name)
{
    public override string ToString() => $"{Namespace}/{Name}";
}
