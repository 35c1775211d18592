namespace Interceptor.Checkpoint.Images;

/// <summary>An OCI content descriptor: what a manifest says about one blob.</summary>
public sealed record OciDescriptor(string MediaType, string Digest, long Size);
