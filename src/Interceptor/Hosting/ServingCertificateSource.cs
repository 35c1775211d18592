using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Interceptor.Diagnostics;
using Interceptor.Options;
using Microsoft.Extensions.Options;

namespace Interceptor.Hosting;

/// <summary>
/// The webhook's serving certificate, read from <c>tls.crt</c>/<c>tls.key</c> in a directory and re-read when their
/// content changes, so a rotated pair (cert-manager renewing the Secret) is served without a restart. Kubernetes
/// swaps Secret volume contents by renaming a symlink, which file watchers and timestamps miss, so this polls and
/// compares the bytes (<see cref="ServingCertificateFiles"/>): two files of about a kilobyte each per interval.
/// A broken new pair keeps the last good one in service (and says so), never a half-loaded state.
/// </summary>
public sealed class ServingCertificateSource : BackgroundService
{
    private readonly WebhookOptions _options;
    private readonly InterceptorMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<ServingCertificateSource> _logger;
    private string? _fingerprint;
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

    /// <summary>Checks the files now and loads them when their content changed. Safe to call at any time.</summary>
    public void Reload()
    {
        try
        {
            var files = ServingCertificateFiles.Read(_options.CertificateDirectory);
            if (files.Fingerprint == _fingerprint)
            {
                return;
            }

            // Remembered before loading: a pair that fails to load is not retried (and logged) until it changes.
            _fingerprint = files.Fingerprint;
            Install(files.Load());
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException or ArgumentException)
        {
            Failed(e);
        }
    }

    private void Install(X509Certificate2 loaded)
    {
        var previous = _current;
        _current = loaded;
        _metrics.ServingCertificateExpiry.Set(new DateTimeOffset(loaded.NotAfter.ToUniversalTime()).ToUnixTimeSeconds());
        _metrics.ServingCertificateLoads.WithLabels("loaded").Inc();
        _logger.LogInformation("Serving certificate {Subject} loaded (serial {Serial}, valid until {NotAfter:O}){Rotation}",
            loaded.Subject, loaded.SerialNumber, loaded.NotAfter.ToUniversalTime(), previous is null ? "" : ", replacing the previous one");
    }

    private void Failed(Exception e)
    {
        // The same unreadable state is reported once, not at every poll; a readable pair clears it.
        var failure = "failed: " + e.Message;
        if (failure == _fingerprint)
        {
            return;
        }

        _fingerprint = failure;
        _metrics.ServingCertificateLoads.WithLabels("failed").Inc();
        _logger.LogWarning("Serving certificate in {Directory} could not be loaded ({Error}); {Fallback}", _options.CertificateDirectory, e.Message,
            _current is null ? "not serving TLS until it can" : "keeping the previous certificate");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.CertificateReloadInterval, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            Reload();
        }
    }
}
