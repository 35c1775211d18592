namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// Tells the engine from spec.dump's annotations, in checkpointctl's order (libpod, then CRI-O,
/// then containerd). Unlike checkpointctl, which calls anything else containerd, it requires
/// positive evidence: a restore on the wrong runtime family fails late and confusingly.
/// </summary>
public static class CheckpointEngineDetector
{
    /// <param name="hasContainerdStatusFile">Whether the archive holds containerd's top-level "status" file.</param>
    /// <returns>The engine, or null when nothing identifies one.</returns>
    public static CheckpointEngine? Detect(IReadOnlyDictionary<string, string> annotations, bool hasContainerdStatusFile)
    {
        annotations.TryGetValue(SpecAnnotations.ContainerManager, out var manager);
        if (manager == SpecAnnotations.ContainerManagerLibpod)
        {
            return CheckpointEngine.Podman;
        }

        if (manager == SpecAnnotations.ContainerManagerCriO || HasKeyWithPrefix(annotations, SpecAnnotations.CriOPrefix))
        {
            return CheckpointEngine.CriO;
        }

        if (HasKeyWithPrefix(annotations, SpecAnnotations.ContainerdPrefix) || hasContainerdStatusFile)
        {
            return CheckpointEngine.Containerd;
        }

        return null;
    }

    private static bool HasKeyWithPrefix(IReadOnlyDictionary<string, string> annotations, string prefix) =>
        annotations.Keys.Any(key => key.StartsWith(prefix, StringComparison.Ordinal));
}
