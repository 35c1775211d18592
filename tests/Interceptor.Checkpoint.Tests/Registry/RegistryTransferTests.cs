using Xunit;
using Interceptor.Checkpoint.Images;
using Interceptor.Checkpoint.Registry;
using Interceptor.Checkpoint.Tests.Support;
using Interceptor.Testing;
using Interceptor.Checkpoint.Transfer;
using static Interceptor.Checkpoint.Tests.Support.TestArchives;

namespace Interceptor.Checkpoint.Tests.Registry;

/// <summary>RegistryCheckpointTransfer against the real registry: deterministic names, idempotent publish, delete.</summary>
public sealed class RegistryTransferTests
{
    private static readonly CheckpointDestination Destination = new("shop", "web-0", "0f5e3c9a-7d2b-4f8e-9a1c-3b5d7e9f1a2c", "container-name", 1);

    [RegistryFact]
    public async Task Publishing_names_the_image_by_pod_uid_container_and_attempt_and_pins_it_by_digest()
    {
        using var temp = new TempDirectory();
        var (transfer, registry, repository) = Transfer();

        var published = await transfer.PublishAsync(new CheckpointPublication(temp.Write("a.tar", CheckpointTar()), Destination), default);

        Assert.Equal("registry", published.Kind);
        Assert.Equal($"{TestRegistry.Endpoint.Authority}/{repository}@{published.Digest}", published.Reference);
        var tagged = await registry.GetManifestAsync(repository, "0f5e3c9a-7d2b-4f8e-9a1c-3b5d7e9f1a2c.container-name.1");
        Assert.Equal(published.Digest, tagged?.Digest);
        Assert.Equal(published.Digest, (await Skopeo.InspectAsync(published.Reference)).GetProperty("Digest").GetString());
    }

    [RegistryFact]
    public async Task Publishing_the_same_attempt_again_returns_the_pushed_image_without_reading_the_archive()
    {
        using var temp = new TempDirectory();
        var (transfer, _, _, path, first) = await PublishedAsync(temp);

        File.Delete(path);
        var again = await transfer.PublishAsync(new CheckpointPublication(path, Destination), default);

        Assert.Equal(first, again);
    }

    [RegistryFact]
    public async Task A_new_attempt_of_the_same_archive_shares_the_manifest_and_one_delete_removes_both_tags()
    {
        using var temp = new TempDirectory();
        var (transfer, registry, repository, path, first) = await PublishedAsync(temp);
        var second = await transfer.PublishAsync(new CheckpointPublication(path, Destination with { Attempt = 2 }), default);

        await transfer.DeleteAsync(first, default);

        // Same archive, same bytes: both tags name one manifest, so deleting it by digest removes both tags.
        Assert.Equal(first.Digest, second.Digest);
        Assert.Null(await registry.GetManifestAsync(repository, first.Digest));
        Assert.Null(await registry.GetManifestAsync(repository, "0f5e3c9a-7d2b-4f8e-9a1c-3b5d7e9f1a2c.container-name.2"));
    }

    [RegistryFact]
    public async Task Deleting_twice_is_not_an_error()
    {
        using var temp = new TempDirectory();
        var (transfer, registry, repository, _, published) = await PublishedAsync(temp);

        await transfer.DeleteAsync(published, default);
        await transfer.DeleteAsync(published, default);

        Assert.Null(await registry.GetManifestAsync(repository, published.Digest));
    }

    [RegistryFact]
    public async Task A_reference_this_transfer_did_not_publish_is_refused_not_deleted()
    {
        var (transfer, _, _) = Transfer();
        var foreign = new PublishedCheckpoint("registry", "elsewhere.example/x@sha256:" + new string('a', 64), "sha256:" + new string('a', 64), 1);

        await Assert.ThrowsAsync<ArgumentException>(() => transfer.DeleteAsync(foreign, default));
    }

    private static async Task<(RegistryCheckpointTransfer Transfer, RegistryClient Registry, string Repository, string Path, PublishedCheckpoint Published)> PublishedAsync(TempDirectory temp)
    {
        var (transfer, registry, repository) = Transfer();
        var path = temp.Write("a.tar", CheckpointTar());
        return (transfer, registry, repository, path, await transfer.PublishAsync(new CheckpointPublication(path, Destination), default));
    }

    private static (RegistryCheckpointTransfer Transfer, RegistryClient Registry, string Repository) Transfer()
    {
        var registry = TestRegistry.Client();
        var repository = TestRegistry.NewRepository("transfer");
        var transfer = new RegistryCheckpointTransfer(registry, new CheckpointImageBuilder(registry), new RegistryTransferOptions { Repository = repository });
        return (transfer, registry, repository);
    }
}
