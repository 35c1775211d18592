using System.Security.Cryptography.X509Certificates;
using Interceptor.Simulator.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Interceptor.Simulator.Registry;

/// <summary>
/// An OCI distribution registry (push and pull) on loopback, for the simulator when no real registry is given.
/// Blobs stream to a temporary directory, deleted on dispose; manifests and tags live in memory.
/// Image references name it by <see cref="Host"/>, e.g. <c>127.0.0.1:41234/checkpoints/web:v1</c>.
/// </summary>
public sealed class EmbeddedRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly UploadSessions _uploads;
    private readonly ServingCertificates? _certificates;

    private EmbeddedRegistry(WebApplication app, UploadSessions uploads, ServingCertificates? certificates, string storage, Uri baseAddress)
    {
        _app = app;
        _uploads = uploads;
        _certificates = certificates;
        StorageDirectory = storage;
        BaseAddress = baseAddress;
    }

    /// <summary>The registry's root, e.g. <c>https://127.0.0.1:41234/</c>; the API is under <c>/v2/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary><c>127.0.0.1:port</c>: the registry part of an image reference.</summary>
    public string Host => BaseAddress.Authority;

    /// <summary>The CA to trust (public part) under HTTPS; null when serving plain HTTP.</summary>
    public X509Certificate2? CertificateAuthority => _certificates?.Ca;

    /// <summary>Where blobs and uploads are stored; removed on dispose.</summary>
    public string StorageDirectory { get; }

    /// <summary>Uploads started and neither closed nor cancelled.</summary>
    public int OpenUploads => _uploads.Count;

    public static async Task<EmbeddedRegistry> StartAsync(EmbeddedRegistryOptions? options = null, CancellationToken ct = default)
    {
        options ??= new EmbeddedRegistryOptions();
        options.Validate();
        var storage = CreateStorage(options.StorageParent);
        var blobs = new BlobStore(storage);
        var uploads = new UploadSessions(Path.Combine(storage, "uploads"));
        var certificates = options.UseHttps ? ServingCertificates.Create("interceptor-simulator-registry") : null;
        var handler = new RegistryRequestHandler(blobs, uploads, new ManifestStore(), options.MaxManifestBytes);
        var app = RegistryHost.Build(options, handler, certificates);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmbeddedRegistry(app, uploads, certificates, storage, new Uri(address.TrimEnd('/') + "/"));
    }

    private static string CreateStorage(string? parent)
    {
        if (parent is null)
        {
            return Directory.CreateTempSubdirectory("interceptor-registry-").FullName;
        }

        var storage = Path.Combine(parent, "interceptor-registry-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(storage);
        return storage;
    }

    /// <summary>An HttpClient for this registry that trusts exactly its CA under HTTPS. The caller disposes it.</summary>
    public HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler();
        if (_certificates is not null)
        {
            handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                CustomTrustStore = { X509CertificateLoader.LoadCertificate(_certificates.Ca.RawData) },
            };
        }

        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _uploads.Dispose();
        _certificates?.Dispose();
        Directory.Delete(StorageDirectory, recursive: true);
    }
}
