using System.Security.Cryptography;
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

    /// <summary>An archive of <paramref name="size"/> pseudo-random bytes on the node disk.</summary>
    public string Archive(int size, int seed = 1)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        var path = Path.Combine(NodeDisk, $"checkpoint-{seed}-{size}.tar");
        File.WriteAllBytes(path, data);
        return path;
    }

    public static string Sha256Of(string path) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    public void Dispose() => Directory.Delete(_base, recursive: true);
}
