namespace Interceptor.Simulator.Patching;

/// <summary>Who applies (<c>?fieldManager=</c>), whether <c>?force=true</c>, and to which subresource (null: the main resource).</summary>
internal sealed record ApplyRequest(string Manager, bool Force, string? Subresource);
