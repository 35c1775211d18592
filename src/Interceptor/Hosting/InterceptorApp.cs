namespace Interceptor.Hosting;

/// <summary>
/// Builds the service exactly as it runs in a cluster. Program.cs, the tests, the benchmark and the simulator all
/// start it through here, so none of them tests or measures a different composition.
/// </summary>
public static class InterceptorApp
{
    /// <param name="configure">Extra configuration or services (tests add settings, a fake clock, a log sink).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddInterceptor();
        var app = builder.Build();
        app.MapInterceptorEndpoints();
        return app;
    }

    /// <summary>The addresses Kestrel bound (ports resolved when configured as 0): the HTTPS webhook and the plain health endpoint.</summary>
    public static (Uri Webhook, Uri Health) BoundAddresses(this WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        return (new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal))),
                new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal))));
    }
}
