namespace Interceptor.Migration;

/// <summary>CPU (in cores) and memory (in bytes): the two resources target selection weighs, as the scheduler's fit filter does.</summary>
public readonly record struct ResourceAmount(decimal Cpu, decimal Memory)
{
    public static readonly ResourceAmount Zero = new(0, 0);

    public static ResourceAmount operator +(ResourceAmount a, ResourceAmount b) => new(a.Cpu + b.Cpu, a.Memory + b.Memory);

    public static ResourceAmount operator -(ResourceAmount a, ResourceAmount b) => new(a.Cpu - b.Cpu, a.Memory - b.Memory);

    /// <summary>Each resource on its own: the larger CPU and the larger memory, possibly from different sides.</summary>
    public static ResourceAmount Max(ResourceAmount a, ResourceAmount b) => new(Math.Max(a.Cpu, b.Cpu), Math.Max(a.Memory, b.Memory));
}
