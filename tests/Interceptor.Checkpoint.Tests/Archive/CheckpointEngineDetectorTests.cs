using Interceptor.Checkpoint.Archive;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Archive;

public sealed class CheckpointEngineDetectorTests
{
    private static readonly Dictionary<string, (Dictionary<string, string> Annotations, bool StatusFile, CheckpointEngine? Engine)> Cases = new()
    {
        ["io.container.manager libpod is Podman"] =
            (new() { ["io.container.manager"] = "libpod" }, false, CheckpointEngine.Podman),
        ["io.container.manager cri-o is CRI-O"] =
            (new() { ["io.container.manager"] = "cri-o" }, false, CheckpointEngine.CriO),
        ["A CRI-O annotation without the manager key is CRI-O"] =
            (new() { ["io.kubernetes.cri-o.ContainerName"] = "k8s_web" }, false, CheckpointEngine.CriO),
        ["containerd's CRI annotations are containerd"] =
            (new() { ["io.kubernetes.cri.sandbox-namespace"] = "shop" }, false, CheckpointEngine.Containerd),
        ["containerd's status file alone is containerd"] =
            ([], true, CheckpointEngine.Containerd),
        ["Podman wins over CRI-O annotations, as in checkpointctl"] =
            (new() { ["io.container.manager"] = "libpod", ["io.kubernetes.cri-o.Metadata"] = "{}" }, false, CheckpointEngine.Podman),
        ["Kubelet labels alone name no engine"] =
            (new() { ["io.kubernetes.pod.name"] = "web" }, false, null),
        ["No annotations name no engine"] =
            ([], false, null),
    };

    public static TheoryData<string> Sentences => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Detects(string sentence)
    {
        var (annotations, statusFile, engine) = Cases[sentence];

        Assert.Equal(engine, CheckpointEngineDetector.Detect(annotations, statusFile));
    }
}
