using Interceptor.Api;
using Interceptor.Migration;
using Xunit;

namespace Interceptor.Tests.Migration;

public class CheckpointReferenceCheckTests
{
    private const string PodUid = "0b6c3c52-8d7e-4a5b-9f1e-2f5c7a9d1e33";
    private const int Attempt = 2;
    private static readonly string Digest = "sha256:" + new string('a', 64);
    private static readonly string Pinned = "registry.example/checkpoints@" + Digest;
    private static readonly string Path = $"shop/{PodUid}/app/attempt-2/checkpoint.tar";

    /// <summary>Expected: null when the reference is fine, otherwise a fragment of the problem.</summary>
    public static TheoryData<string, ContainerCheckpoint, string?> Checks => new()
    {
        { "a registry checkpoint pinned by digest is fine", Registry(), null },
        { "a registry checkpoint with a tag before the digest is fine", Registry(c => c.Image = c.Reference = "registry.example/checkpoints:" + PodUid + ".app.2@" + Digest), null },
        { "a shared-volume checkpoint at its layout path is fine", Shared(), null },
        { "a checkpoint without a container is refused", Registry(c => c.Container = ""), "names no container" },
        { "a checkpoint of an earlier attempt is refused", Registry(c => c.Attempt = 1), "belongs to attempt 1, not 2" },
        { "a checkpoint without an attempt is refused", Registry(c => c.Attempt = null), "attempt (none)" },
        { "a checkpoint without a transport is refused", Registry(c => c.Transport = null), "unknown transport" },
        { "a checkpoint with an unknown transport is refused", Registry(c => c.Transport = "carrier-pigeon"), "unknown transport 'carrier-pigeon'" },
        { "a registry checkpoint without an image is refused", Registry(c => c.Image = null), "lacks its image or its reference" },
        { "a registry checkpoint without a reference is refused", Registry(c => c.Reference = null), "lacks its image or its reference" },
        { "a registry checkpoint whose image and reference differ is refused", Registry(c => c.Image = "registry.example/other@" + Digest), "has the image" },
        { "a registry checkpoint by tag only is refused", Registry(c => c.Image = c.Reference = "registry.example/checkpoints:" + PodUid + ".app.2"), "not pinned by a sha256 digest" },
        { "a registry checkpoint with a short digest is refused", Registry(c => c.Image = c.Reference = "registry.example/checkpoints@sha256:abc"), "not pinned" },
        { "a registry checkpoint with an upper-case digest is refused", Registry(c => c.Image = c.Reference = "registry.example/checkpoints@sha256:" + new string('A', 64)), "not pinned" },
        { "a registry checkpoint with another algorithm is refused", Registry(c => c.Image = c.Reference = "registry.example/checkpoints@sha512:" + new string('a', 64)), "not pinned" },
        { "a registry checkpoint without a digest field is refused", Registry(c => c.Digest = null), "records the digest ''" },
        { "a registry checkpoint whose digest field differs from the pin is refused", Registry(c => c.Digest = "sha256:" + new string('b', 64)), "records the digest 'sha256:bbbb" },
        { "a shared-volume checkpoint without a reference is refused", Shared(c => c.Reference = null), "not {namespace}/{pod UID}/{container}/attempt-{n}/checkpoint.tar" },
        { "a shared-volume path that climbs out of the volume is refused", Shared(c => c.Reference = $"../{PodUid}/app/attempt-2/checkpoint.tar"), "not {namespace}" },
        { "a shared-volume absolute path is refused", Shared(c => c.Reference = "/" + Path), "not {namespace}" },
        { "a shared-volume path to another file is refused", Shared(c => c.Reference = Path + ".sha256"), "not {namespace}" },
        { "a shared-volume path of another pod is refused", Shared(c => c.Reference = "shop/1111aaaa-8d7e-4a5b-9f1e-2f5c7a9d1e33/app/attempt-2/checkpoint.tar"), "not 'shop/" + PodUid },
        { "a shared-volume path of another container is refused", Shared(c => c.Reference = $"shop/{PodUid}/sidecar/attempt-2/checkpoint.tar"), "/app/attempt-2/" },
        { "a shared-volume path of another attempt is refused", Shared(c => c.Reference = $"shop/{PodUid}/app/attempt-1/checkpoint.tar"), "not 'shop/" + PodUid + "/app/attempt-2/checkpoint.tar'" },
    };

    [Theory]
    [MemberData(nameof(Checks))]
    public void Checks_references(string sentence, ContainerCheckpoint checkpoint, string? problem)
    {
        var found = CheckpointReferenceCheck.Problem(checkpoint, PodUid, Attempt);

        if (problem is null)
        {
            Assert.True(found is null, $"{sentence}: {found}");
        }
        else
        {
            Assert.True(found?.Contains(problem, StringComparison.Ordinal) == true, $"{sentence}: expected '{problem}' in '{found}'");
        }
    }

    [Fact]
    public void A_shared_volume_path_in_another_namespace_is_refused_when_the_namespace_is_known()
    {
        var checkpoint = Shared(c => c.Reference = $"other/{PodUid}/app/attempt-2/checkpoint.tar");

        Assert.Null(CheckpointReferenceCheck.Problem(checkpoint, PodUid, Attempt));
        Assert.Contains("not 'shop/", CheckpointReferenceCheck.Problem(checkpoint, PodUid, Attempt, "shop"), StringComparison.Ordinal);
        Assert.Null(CheckpointReferenceCheck.Problem(Shared(), PodUid, Attempt, "shop"));
    }

    [Fact]
    public void The_expected_tag_is_the_agent_tag()
    {
        Assert.Equal($"{PodUid}.app.2", CheckpointReferenceCheck.ExpectedTag(PodUid, "app", 2));
    }

    private static ContainerCheckpoint Registry(Action<ContainerCheckpoint>? modify = null) => Modified(new ContainerCheckpoint
    {
        Container = "app", Transport = "registry", Image = Pinned, Reference = Pinned, Digest = Digest, SizeBytes = 1024, Attempt = Attempt,
    }, modify);

    private static ContainerCheckpoint Shared(Action<ContainerCheckpoint>? modify = null) => Modified(new ContainerCheckpoint
    {
        Container = "app", Transport = "shared-volume", Reference = Path, Digest = Digest, SizeBytes = 1024, Attempt = Attempt,
    }, modify);

    private static ContainerCheckpoint Modified(ContainerCheckpoint checkpoint, Action<ContainerCheckpoint>? modify)
    {
        modify?.Invoke(checkpoint);
        return checkpoint;
    }
}
