namespace Interceptor.Simulator.Registry;

/// <summary>A manifest exactly as pushed: its bytes, the content type it was pushed with, and their digest.</summary>
internal sealed record StoredManifest(Digest Digest, string ContentType, byte[] Content);
