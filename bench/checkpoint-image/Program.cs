using Interceptor.Checkpoint.Images;
using Interceptor.CheckpointImageBench;

// Commands for bench/checkpoint-image/run.sh:
//   make-archive PATH FIXTURES_DIR PAGES_BYTES random|compressible SEED
//   push REGISTRY_URL ARCHIVE none|gzip|zstd REPOSITORY [CHUNK_MIB]
return args switch
{
    ["make-archive", var path, var fixtures, var bytes, var kind, var seed] =>
        MakeArchive(path, fixtures, long.Parse(bytes, System.Globalization.CultureInfo.InvariantCulture), kind == "compressible", int.Parse(seed, System.Globalization.CultureInfo.InvariantCulture)),
    ["push", var registry, var archive, var compression, var repository] =>
        await PushCommand.RunAsync(new Uri(registry), archive, Enum.Parse<LayerCompression>(compression, ignoreCase: true), repository, 8),
    ["push", var registry, var archive, var compression, var repository, var chunkMiB] =>
        await PushCommand.RunAsync(new Uri(registry), archive, Enum.Parse<LayerCompression>(compression, ignoreCase: true), repository, int.Parse(chunkMiB, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int MakeArchive(string path, string fixtures, long bytes, bool compressible, int seed)
{
    ArchiveMaker.Write(path, fixtures, bytes, compressible, seed);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: make-archive PATH FIXTURES_DIR PAGES_BYTES random|compressible SEED | push REGISTRY_URL ARCHIVE none|gzip|zstd REPOSITORY [CHUNK_MIB]");
    return 2;
}
