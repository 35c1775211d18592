using FluentValidation;
using Interceptor.Admission;
using Interceptor.Agent;
using Interceptor.Controllers;
using Interceptor.Diagnostics;
using Interceptor.Kube;
using Interceptor.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Interceptor.Hosting;

/// <summary>Composition of the service: everything Program.cs needs in two calls.</summary>
public static class InterceptorComposition
{
    public static WebApplicationBuilder AddInterceptor(this WebApplicationBuilder builder)
    {
        AddShared(builder);
        return InterceptorRoles.Of(builder.Configuration) == InterceptorRoles.Agent ? builder.AddCheckpointAgent() : builder.AddWebhook();
    }

    /// <summary>What every role needs: validated options, clock, logging, metrics, the API client.</summary>
    private static void AddShared(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<InterceptorOptions>().BindConfiguration(InterceptorOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidator<InterceptorOptions>, InterceptorOptionsValidator>();
        services.AddSingleton<IValidateOptions<InterceptorOptions>, FluentOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);
        // preserveStaticLogger: each host keeps its own logger; the global Log.Logger is left alone.
        services.AddSerilog((provider, logging) => ConfigureLogging(logging, builder.Configuration, provider), preserveStaticLogger: true);

        services.AddSingleton<InterceptorMetrics>();
        services.AddSingleton(provider => KubernetesClientFactory.Create(provider.GetRequiredService<IOptions<InterceptorOptions>>().Value.Kubernetes));
        services.AddProblemDetails();
        services.AddExceptionHandler<ClientErrorExceptionHandler>();
    }

    /// <summary>The webhook (and, later, controller) role: the admission endpoints over HTTPS, their caches and Events.</summary>
    private static WebApplicationBuilder AddWebhook(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHostedSingleton<ServingCertificateSource>();
        services.AddHostedSingleton<ClusterCaches>();
        services.AddHostedSingleton<EventRecorder>();

        services.AddSingleton<AdmissionEdge>();
        services.AddSingleton<NamespaceOptInLabels>();
        services.AddSingleton<IValidator<EvictionReviewInput>, EvictionReviewValidator>();
        services.AddSingleton<EvictionGuardChain>();
        services.AddSingleton<EvictionObserver>();
        services.AddSingleton<PodMigrationLookup>();
        services.AddSingleton<PodMigrationWriter>();
        services.AddSingleton<EvictionAdmissionHandler>();
        services.AddSingleton<EvictionAdmissionEndpoint>();
        if (builder.Configuration.GetValue(InterceptorOptions.Section + ":Controller:Enabled", true))
        {
            services.AddMigrationController();
        }
        services.AddSingleton<IValidator<PodReviewInput>, PodReviewValidator>();
        services.AddSingleton<PodAdmissionHandler>();
        services.AddSingleton<PodAdmissionEndpoint>();

        services.AddHealthChecks()
            .AddCheck<ServingCertificateHealthCheck>("serving-certificate", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<CacheSyncHealthCheck>("caches", tags: [HealthEndpoints.ReadyTag]);

        builder.WebHost.ConfigureKestrel(kestrel =>
            KestrelListeners.Configure(kestrel, kestrel.ApplicationServices.GetRequiredService<IOptions<InterceptorOptions>>().Value));
        return builder;
    }

    public static WebApplication MapInterceptorEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        if (InterceptorRoles.Of(app.Configuration) == InterceptorRoles.Agent)
        {
            app.MapHealthEndpoints();
            return app;
        }

        app.UseListenerIsolation();
        // Bound to the singleton once: a handler parameter resolved per request would create (and dispose) a DI scope
        // for every review, a measurable share of the admission budget.
        var eviction = app.Services.GetRequiredService<EvictionAdmissionEndpoint>();
        app.MapPost(EvictionAdmissionEndpoint.Path, (Func<HttpContext, Task<IResult>>)eviction.HandleAsync);
        var pods = app.Services.GetRequiredService<PodAdmissionEndpoint>();
        app.MapPost(PodAdmissionEndpoint.Path, (Func<HttpContext, Task<IResult>>)pods.HandleAsync);
        app.MapHealthEndpoints();
        return app;
    }

    private static void ConfigureLogging(LoggerConfiguration logging, IConfiguration configuration, IServiceProvider provider) =>
        logging
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            // Hosting writes only per-request start/finish lines (Information and Debug), never shown at Warning. While
            // its logger is enabled at all, it opens a log scope and an Activity for every request: about 1 µs of an
            // admission review's budget for nothing. Errors still come from Kestrel and the exception handler.
            .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LevelAlias.Off)
            .ReadFrom.Configuration(configuration)
            .ReadFrom.Services(provider)
            .Enrich.FromLogContext()
            .WriteTo.Console(new RenderedCompactJsonFormatter());

    /// <summary>One instance serves both as a dependency and as a hosted service.</summary>
    private static void AddHostedSingleton<T>(this IServiceCollection services) where T : class, IHostedService
    {
        services.AddSingleton<T>();
        services.AddHostedService(provider => provider.GetRequiredService<T>());
    }
}
