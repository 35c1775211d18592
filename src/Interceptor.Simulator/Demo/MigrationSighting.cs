namespace Interceptor.Simulator.Demo;

/// <summary>A PodMigration as read after the drain: its name and phase (empty: nobody picked it up).</summary>
public sealed record MigrationSighting(string Name, string PodUid, string? Phase);
