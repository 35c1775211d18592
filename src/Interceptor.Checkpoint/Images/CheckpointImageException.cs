namespace Interceptor.Checkpoint.Images;

/// <summary>
/// Terminal: a valid checkpoint archive that must not become this image (another container's
/// archive, a name the image format would misread). Building again with the same archive fails the same way.
/// </summary>
public sealed class CheckpointImageException(string message) : Exception(message);
