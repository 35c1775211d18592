namespace Interceptor.Kube;

/// <summary>What the agent's and the controller's queues hold: a PodMigration's name, never the object (state is re-read on every pass).</summary>
public readonly record struct MigrationKey(string Namespace, string Name)
{
    public override string ToString() => Namespace + "/" + Name;
}
