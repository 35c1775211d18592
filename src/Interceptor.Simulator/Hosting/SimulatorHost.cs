using System.Net;
using Interceptor.Simulator.Admission;
using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Faults;
using Interceptor.Simulator.Http;
using Interceptor.Simulator.Nodes;
using Interceptor.Simulator.Recording;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Watch;

namespace Interceptor.Simulator.Hosting;

/// <summary>Builds the Kestrel app: record, inject faults, then serve the API.</summary>
internal static class SimulatorHost
{
    public static WebApplication Build(
        FakeApiServerOptions options,
        FakeObjectStore store,
        RequestLog log,
        FaultInjector faults,
        AdmissionWebhooks webhooks,
        ServingCertificates? certificates,
        NodeProxy nodeProxy,
        Authentication.BearerTokens tokens)
    {
        // The empty builder reads no appsettings or environment: a test's working directory cannot change the server.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        // One admission path for HTTP creates and the simulated controllers' creates.
        var admission = new CreateAdmission(store, webhooks);
        if (options.Controllers != SimulatedControllers.None)
        {
            builder.Services.AddHostedService(services =>
                new ControllerManager(store, admission, options, services.GetRequiredService<ILoggerFactory>()));
        }
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                // Plain HTTP by default (the KubernetesClient tests); HTTPS for kubectl, which wants a verifiable server.
                if (certificates is not null)
                {
                    listen.UseHttps(certificates.Serving);
                }
            }));
        var app = builder.Build();
        var stopping = app.Lifetime.ApplicationStopping;
        var dispatcher = new ResourceDispatcher(
            store, new WatchSession(store, options, stopping), webhooks, admission, options.TimeProvider);
        app.Use(new RecordingMiddleware(log, options.TimeProvider).InvokeAsync);
        app.Use(new FaultMiddleware(faults, options.TimeProvider, stopping).InvokeAsync);
        app.Use((context, next) => RequestUser.AuthenticateAsync(tokens, context, next));
        // kubectl auth can-i: no RBAC here, every review is allowed.
        app.Use(Authorization.SelfSubjectAccessReviews.InvokeAsync);
        // nodes/{name}/proxy/... goes to the simulated kubelet, not to the resource handlers.
        app.Use(nodeProxy.InvokeAsync);
        app.Run(new ApiRequestHandler(store, dispatcher).HandleAsync);
        return app;
    }
}
