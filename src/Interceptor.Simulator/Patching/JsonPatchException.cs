namespace Interceptor.Simulator.Patching;

/// <summary>A JSON patch operation that cannot be applied; the HTTP layer maps it to the real server's 422.</summary>
public sealed class JsonPatchException(string message) : Exception(message);
