using System.Security.Cryptography;
using Interceptor.Checkpoint.Tests.Support;
using Interceptor.Checkpoint.Transfer;

namespace Interceptor.Checkpoint.Tests.Transfer;

/// <summary>A temporary "shared volume" and a temporary "node disk" with archives on it, removed afterwards.</summary>
internal sealed class SharedVolumeFixture : IDisposable
{
    public static readonly CheckpointDestination Destination = new("shop", "web-0", "3f2b6c1e-8d4a-4b7e-9c21-5a6d7e8f9012", "app", 1);

    private readonly string _base = Directory.CreateTempSubdirectory("interceptor-sv-").FullName;

    public SharedVolumeFixture()
    {
        Volume = Directory.CreateDirectory(Path.Combine(_base, "volume")).FullName;
        NodeDisk = Directory.CreateDirectory(Path.Combine(_base, "node")).FullName;
    }

    public string Volume { get; }

    public string NodeDisk { get; }

    public SharedVolumeCheckpointTransfer Transfer(TimeProvider? time = null) => new(Volume, TimeSpan.FromMinutes(10), time);

    public SharedVolumeCheckpointReader Reader() => new(Volume);

    public SharedVolumeLayout Layout => SharedVolumeLayout.For(Volume, Destination);

    /// <summary>
    /// A valid checkpoint archive on the node disk whose memory pages are <paramref name="size"/> pseudo-random bytes
    /// (the transfer validates what it publishes): a different seed is a different archive.
    /// </summary>
    public string Archive(int size, int seed = 1)
    {
        var pages = new byte[size];
        new Random(seed).NextBytes(pages);
        var data = TestArchives.CheckpointTar(TestArchives.Replacing("checkpoint/pages-1.img", TestEntries.File("./checkpoint/pages-1.img", pages)));
        var path = Path.Combine(NodeDisk, $"checkpoint-{seed}-{size}.tar");
        File.WriteAllBytes(path, data);
        return path;
    }

    public static string Sha256Of(string path) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    public void Dispose() => Directory.Delete(_base, recursive: true);
}
