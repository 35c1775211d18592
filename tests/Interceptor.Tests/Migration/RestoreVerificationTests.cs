using Interceptor.Migration;
using k8s.Models;
using Xunit;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Migration;

/// <summary>
/// The replacement pod's status decides: a restore is Restored only when the runtime reports the base image instead
/// of the checkpoint image (docs/design/20261206-restore-verification.md); anything else is never reported as one.
/// </summary>
public sealed class RestoreVerificationTests
{
    private const string Checkpoint = "registry.example/checkpoints/web@sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";
    private const string SidecarCheckpoint = "registry.example/checkpoints/web@sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd";
    private const string BaseImage = "registry.example/app:1";
    private const string BaseImageId = "registry.example/app@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private static readonly Dictionary<string, string> App = new() { ["app"] = Checkpoint };

    private static readonly Dictionary<string, string> AppAndSidecar = new() { ["app"] = Checkpoint, ["sidecar"] = SidecarCheckpoint };

    public static TheoryData<string, V1Pod, RestoreCheckOutcome, string[]> OneContainer => new()
    {
        { "running with the base image's digest as imageID is a restore",
            Replacement(ContainerRunning("app", BaseImage, BaseImageId)), RestoreCheckOutcome.Restored, [BaseImage, BaseImageId] },
        { "a docker-pullable prefix does not hide the base image's digest",
            Replacement(ContainerRunning("app", BaseImage, "docker-pullable://" + BaseImageId)), RestoreCheckOutcome.Restored, ["restored"] },
        { "running with the checkpoint image's own digest is the checkpoint run as an ordinary image",
            Replacement(ContainerRunning("app", Checkpoint, Checkpoint)), RestoreCheckOutcome.ColdStart, ["ordinary image"] },
        { "a spec whose image is not the checkpoint image asked for no restore",
            Pod("web-0", ContainerRunning("app", BaseImage, BaseImageId)), RestoreCheckOutcome.ColdStart, ["registry.example/app:1", "no restore was asked for"] },
        { "no container status yet is not yet",
            Replacement(), RestoreCheckOutcome.NotYet, ["no status yet"] },
        { "ContainerCreating is not yet",
            Replacement(ContainerWaiting("app", "ContainerCreating")), RestoreCheckOutcome.NotYet, ["ContainerCreating"] },
        { "a container created but not started (waiting with no reason) is not yet",
            Replacement(ContainerWaiting("app", "")), RestoreCheckOutcome.NotYet, ["waiting"] },
        { "CRI-O with restore off (checkpoint_only) fails creation with no command specified",
            Replacement(ContainerWaiting("app", "CreateContainerError", "no command specified")), RestoreCheckOutcome.Failed, ["CreateContainerError", "no command specified"] },
        { "containerd without enable_experimental_restore_via_create refuses the restore",
            Replacement(ContainerWaiting("app", "CreateContainerError", "checkpoint restore via CreateContainer is disabled by configuration")),
            RestoreCheckOutcome.Failed, ["disabled by configuration"] },
        { "a checkpoint image that cannot be pulled fails with the pull error",
            Replacement(ContainerWaiting("app", "ErrImagePull", "unauthorized: authentication required")), RestoreCheckOutcome.Failed, ["ErrImagePull", "unauthorized"] },
        { "a crash loop fails even while waiting to start again",
            Replacement(ContainerWaiting("app", "CrashLoopBackOff", "back-off 10s restarting failed container"), ContainerRestarted("app", 1, "Error")),
            RestoreCheckOutcome.Failed, ["restarted 1 time(s)", "Error"] },
        { "running again after a restart fails: the second start rolled the process back or started it cold",
            Replacement(ContainerRunning("app", BaseImage, BaseImageId), ContainerRestarted("app", 2, "OOMKilled")), RestoreCheckOutcome.Failed, ["restarted 2 time(s)", "OOMKilled"] },
        { "a terminated container fails with its reason and exit code",
            Replacement(ContainerTerminated("app", "Error", 1, "criu failed: type RESTORE errno 0")), RestoreCheckOutcome.Failed, ["criu failed", "exit code 1"] },
        { "running with an empty imageID cannot be verified",
            Replacement(ContainerRunning("app", BaseImage, "")), RestoreCheckOutcome.Unverifiable, ["names no repository digest"] },
        { "running with a bare image ID (no repository digest) cannot be verified",
            Replacement(ContainerRunning("app", BaseImage, "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")), RestoreCheckOutcome.Unverifiable, ["names no repository digest"] },
        { "a replacement without the expected container cannot be verified",
            Pod("web-0", p => p.Spec.Containers[0].Name = "other"), RestoreCheckOutcome.Unverifiable, ["no such container"] },
    };

    public static TheoryData<string, V1Pod, RestoreCheckOutcome, string> TwoContainers => new()
    {
        { "both restored is a restore of both",
            Replacement(WithContainer("sidecar", SidecarCheckpoint), ContainerRunning("app", BaseImage, BaseImageId), ContainerRunning("sidecar", "registry.example/proxy:2", "registry.example/proxy@sha256:" + new string('b', 64))),
            RestoreCheckOutcome.Restored, "app, sidecar" },
        { "a failure wins over a sibling that is not there yet",
            Replacement(WithContainer("sidecar", SidecarCheckpoint), ContainerWaiting("app", "ContainerCreating"), ContainerWaiting("sidecar", "CreateContainerError", "no command specified")),
            RestoreCheckOutcome.Failed, "sidecar" },
        { "a cold start is not decided while a sibling is still creating",
            Replacement(WithContainer("sidecar", SidecarCheckpoint), ContainerRunning("app", Checkpoint, Checkpoint), ContainerWaiting("sidecar", "ContainerCreating")),
            RestoreCheckOutcome.NotYet, "sidecar" },
        { "one restored and one unverifiable is unverifiable, never a restore",
            Replacement(WithContainer("sidecar", SidecarCheckpoint), ContainerRunning("app", BaseImage, BaseImageId), ContainerRunning("sidecar", "proxy", "")),
            RestoreCheckOutcome.Unverifiable, "sidecar" },
        { "one restored and one cold is a cold start",
            Replacement(WithContainer("sidecar", SidecarCheckpoint), ContainerRunning("app", BaseImage, BaseImageId), ContainerRunning("sidecar", SidecarCheckpoint, SidecarCheckpoint)),
            RestoreCheckOutcome.ColdStart, "sidecar" },
    };

    [Theory]
    [MemberData(nameof(OneContainer))]
    public void One_container_is_judged_from_its_status(string because, V1Pod replacement, RestoreCheckOutcome outcome, string[] messageMentions)
    {
        var check = RestoreVerification.Check(replacement, App);

        Assert.True(outcome == check.Outcome, $"{because}: got {check.Outcome} ({check.Message})");
        Assert.Equal("app", check.Container);
        Assert.StartsWith("container app: ", check.Message, StringComparison.Ordinal);
        Assert.All(messageMentions, phrase => Assert.Contains(phrase, check.Message, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TwoContainers))]
    public void A_pod_is_restored_only_when_every_container_is(string because, V1Pod replacement, RestoreCheckOutcome outcome, string container)
    {
        var check = RestoreVerification.Check(replacement, AppAndSidecar);

        Assert.True(outcome == check.Outcome, $"{because}: got {check.Outcome} ({check.Message})");
        Assert.Equal(container, check.Container);
    }

    [Fact]
    public void A_checkpoint_reference_without_a_digest_cannot_be_compared()
    {
        var replacement = Pod("web-0", WithImage("registry.example/checkpoints/web:latest"), ContainerRunning("app", BaseImage, BaseImageId));

        var check = RestoreVerification.Check(replacement, new Dictionary<string, string> { ["app"] = "registry.example/checkpoints/web:latest" });

        Assert.Equal(RestoreCheckOutcome.Unverifiable, check.Outcome);
        Assert.Contains("not pinned by digest", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_expected_is_a_caller_error()
    {
        Assert.Throws<ArgumentException>(() => RestoreVerification.Check(Replacement(), new Dictionary<string, string>()));
    }

    /// <summary>A replacement whose app container was created with the checkpoint image, plus the given status.</summary>
    private static V1Pod Replacement(params Action<V1Pod>[] modifiers) => Pod("web-0", [WithImage(Checkpoint), .. modifiers]);
}
