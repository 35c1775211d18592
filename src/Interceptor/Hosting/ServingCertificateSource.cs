using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Interceptor.Diagnostics;
using Interceptor.Options;
using Microsoft.Extensions.Options;

namespace Interceptor.Hosting;

/// <summary>
/// The webhook's serving certificate, read from <c>tls.crt</c>/<c>tls.key</c> in a directory and re-read when the
/// files change, so a rotated pair (cert-manager renewing the Secret) is served without a restart. Kubernetes
/// swaps Secret volume contents through symlinks, which file watchers miss, so this polls: cheap at one stat a file.
/// A broken new pair keeps the last good one in service (and says so), never a half-loaded state.
/// </summary>
public sealed class ServingCertificateSource : BackgroundService
{
    public const string CertificateFile = "tls.crt";
    public const string KeyFile = "tls.key";

    private readonly WebhookOptions _options;
    private readonly InterceptorMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<ServingCertificateSource> _logger;
    private (DateTime Cert, DateTime Key, long CertSize, long KeySize) _stamp;
    private volatile X509Certificate2? _current;

    public ServingCertificateSource(IOptions<InterceptorOptions> options, InterceptorMetrics metrics, TimeProvider time, ILogger<ServingCertificateSource> logger)
    {
        _options = options.Value.Webhook;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        Reload();
    }

    /// <summary>The certificate to serve; null until a valid pair has been read.</summary>
    public X509Certificate2? Current => _current;

    /// <summary>Checks the files now and loads them when they changed. Safe to call at any time.</summary>
    public void Reload()
    {
        var certPath = Path.Combine(_options.CertificateDirectory, CertificateFile);
        var keyPath = Path.Combine(_options.CertificateDirectory, KeyFile);
        var stamp = (Stamp(certPath), Stamp(keyPath), Size(certPath), Size(keyPath));
        if (stamp == _stamp && _current is not null)
        {
            return;
        }

        try
        {
            var loaded = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            var previous = _current;
            _current = loaded;
            _stamp = stamp;
            _metrics.ServingCertificateExpiry.Set(new DateTimeOffset(loaded.NotAfter.ToUniversalTime()).ToUnixTimeSeconds());
            _metrics.ServingCertificateLoads.WithLabels("loaded").Inc();
            _logger.LogInformation("Serving certificate {Subject} loaded (serial {Serial}, valid until {NotAfter:O}){Rotation}",
                loaded.Subject, loaded.SerialNumber, loaded.NotAfter.ToUniversalTime(), previous is null ? "" : ", replacing the previous one");
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException or ArgumentException)
        {
            _metrics.ServingCertificateLoads.WithLabels("failed").Inc();
            _logger.LogWarning("Serving certificate in {Directory} could not be loaded ({Error}); {Fallback}", _options.CertificateDirectory, e.Message,
                _current is null ? "not serving TLS until it can" : "keeping the previous certificate");
            _stamp = stamp;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.CertificateReloadInterval, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            Reload();
        }
    }

    private static DateTime Stamp(string path) => File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;

    private static long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : -1;
}
