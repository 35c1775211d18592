using System.Text;
using Interceptor.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Interceptor.Hosting;

/// <summary>/healthz (the process answers), /readyz (it can serve reviews) and /metrics, all on the plain-HTTP port.</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteText });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteText });
        app.MapMetrics("/metrics", app.Services.GetRequiredService<InterceptorMetrics>().Registry);
    }

    /// <summary>Plain text an operator can read from <c>kubectl get --raw</c> or curl: the overall status, then each check.</summary>
    private static Task WriteText(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder().Append(report.Status).Append('\n');
        foreach (var (name, entry) in report.Entries)
        {
            text.Append(name).Append(": ").Append(entry.Status).Append(" - ").Append(entry.Description).Append('\n');
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString());
    }
}
