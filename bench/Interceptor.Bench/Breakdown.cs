using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Interceptor.Admission;
using Interceptor.Kube;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Interceptor.Bench;

/// <summary>
/// Where an admission decision's time goes, without Kestrel, TLS or the client: the service's own singletons,
/// called in process, one thread, stopwatch around each section. Cheap profiling by comparing sections:
/// endpoint (read, parse, validate, decide, log, write JSON) minus handler (decide and log) is the HTTP edge;
/// the log line alone is timed with the same logger, scope, template and message as the deny decision's.
/// </summary>
public static class Breakdown
{
    private const int WarmupIterations = 3_000;
    private const string LogLineSection = "deny log line alone";
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1.5);

    public sealed record Section(string Instance, string Name, double MicrosecondsPerCall, double BytesPerCall, int Calls);

    public static async Task<IReadOnlyList<Section>> MeasureAsync(InterceptorInstance instance, byte[] allowBody, byte[] denyBody)
    {
        var services = instance.Services;
        var endpoint = services.GetRequiredService<EvictionAdmissionEndpoint>();
        var handler = services.GetRequiredService<EvictionAdmissionHandler>();
        var logger = services.GetRequiredService<ILogger<EvictionAdmissionHandler>>();
        var scopeLogger = services.GetRequiredService<ILogger<EvictionAdmissionEndpoint>>();
        var allowReview = Review(BenchCluster.NotOptedInPod);
        var denyReview = Review(BenchCluster.OptedInPod);
        var pod = instance.Caches.Pods.Get(BenchCluster.Namespace, BenchCluster.OptedInPod)!;
        var migration = instance.Caches.Migrations.Get(BenchCluster.Namespace, MigrationNames.For(pod.Name, pod.Uid))!;
        var denyMessage = EvictionMessages.InProgress(denyReview, migration);

        var validator = services.GetRequiredService<IValidator<EvictionReviewInput>>();
        var parsed = JsonSerializer.Deserialize<AdmissionReview>(denyBody)!;
        var denyAnswer = AdmissionReview.For(AdmissionResponses.TooManyRequestsDenied(Reviews.Uid, denyMessage));

        var sections = new List<Section>
        {
            await TimeAsync(instance, "harness alone: DefaultHttpContext, read body, write fixed answer (what bare does)", () => CallBareLikeAsync(services, denyBody)),
            await TimeAsync(instance, "endpoint, allow: HandleAsync + JSON answer", () => CallEndpointAsync(endpoint, services, allowBody)),
            await TimeAsync(instance, "endpoint, deny: HandleAsync + JSON answer", () => CallEndpointAsync(endpoint, services, denyBody)),
            await TimeAsync(instance, "handler, allow: ReviewAsync (observe, decide, record)", async () => Check(await handler.ReviewAsync(allowReview, default), true)),
            await TimeAsync(instance, "handler, deny: ReviewAsync (observe, decide, record)", async () => Check(await handler.ReviewAsync(denyReview, default), false)),
            await TimeAsync(instance, "part: parse the review and its Eviction (JsonSerializer, reflection metadata*)", () => Task.FromResult(JsonSerializer.Deserialize<AdmissionReview>(denyBody))),
            await TimeAsync(instance, "part: distill and validate (EvictionReviewInput, IValidator, FluentValidation)", () => Task.FromResult(Valid(validator.Validate(EvictionReviewInput.From(parsed))))),
            await TimeAsync(instance, "part: serialize the deny answer (reflection metadata*)", () => Task.FromResult(JsonSerializer.SerializeToUtf8Bytes(denyAnswer))),
            await TimeAsync(instance, LogLineSection + ": Log(Information) in the request's 5-property scope", () =>
            {
                using (scopeLogger.BeginScope(Scope(denyReview)))
                {
                    logger.Log(LogLevel.Information, "Eviction {Decision} ({Reason}): {Message}", "deny", AdmissionReasons.MigrationInProgress, denyMessage);
                }

                return Task.CompletedTask;
            }),
            await TimeAsync(instance, "scope alone: BeginScope with the request's 5 properties", () =>
            {
                using (scopeLogger.BeginScope(Scope(denyReview)))
                {
                    return Task.CompletedTask;
                }
            }),
        };
        return sections;
    }

    /// <summary>
    /// Whole ASP.NET Core pipelines in process (<see cref="InProcessServer"/>): hosting, middleware, routing, endpoint and
    /// result, without HTTP parsing, TLS or sockets. Bare (logging off, then the service's Serilog set-up) against a third
    /// interceptor built exactly as the measured ones, at the shipped log level. The difference is everything the
    /// service adds above the server.
    /// </summary>
    public static async Task<IReadOnlyList<Section>> MeasurePipelinesAsync(CertificateFiles certificates, Uri apiServer, byte[] allowBody, byte[] denyBody)
    {
        const string Label = "whole pipeline, in process";
        var sections = new List<Section>();
        foreach (var variant in new[] { BareVariant.Plain, BareVariant.Serilog })
        {
            var server = new InProcessServer();
            var builder = BareEndpoint.CreateBuilder(variant);
            builder.Services.AddSingleton<IServer>(server);
            await using var app = builder.Build();
            BareEndpoint.MapRoute(app, variant);
            await app.StartAsync();
            sections.Add(await TimeAsync(Label, variant == BareVariant.Plain ? "bare" : "bare + Serilog on", () => SendAsync(server, allowBody, true)));
            await app.StopAsync();
        }

        {
            var server = new InProcessServer();
            await using var app = InterceptorInstance.Build(certificates, apiServer, "Information", builder => builder.Services.AddSingleton<IServer>(server));
            await app.StartAsync();
            var caches = app.Services.GetRequiredService<ClusterCaches>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (caches.Pods.Get(BenchCluster.Namespace, BenchCluster.NotOptedInPod) is null
                || caches.Pods.Get(BenchCluster.Namespace, BenchCluster.OptedInPod) is not { } pod
                || caches.Migrations.Get(BenchCluster.Namespace, MigrationNames.For(pod.Name, pod.Uid)) is not { Phase.Length: > 0 })
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("the in-process interceptor's caches never held the benchmark's pods and migration");
                }

                await Task.Delay(20);
            }

            sections.Add(await TimeAsync(Label, "interceptor (Serilog Information), allow", () => SendAsync(server, allowBody, true)));
            sections.Add(await TimeAsync(Label, "interceptor (Serilog Information), deny", () => SendAsync(server, denyBody, false)));
            await app.StopAsync();
        }

        return sections;
    }

    private static async Task SendAsync(InProcessServer server, byte[] body, bool allowed)
    {
        var (status, answer) = await server.SendAsync(body);
        if (status != StatusCodes.Status200OK || !Reviews.IsExpectedAnswer(answer, allowed))
        {
            throw new InvalidOperationException($"in-process answer {status}: {Encoding.UTF8.GetString(answer)}");
        }
    }

    /// <summary>Lines the timed log call wrote to the console (it is only written at Information).</summary>
    public static long LinesWritten(IReadOnlyList<Section> sections) =>
        sections.Where(s => s.Instance == "Serilog Information" && s.Name.StartsWith(LogLineSection, StringComparison.Ordinal)).Sum(s => (long)s.Calls + WarmupIterations);

    public static string Render(IReadOnlyList<Section> sections)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("\\* The service (de)serializes with its internal source-generated context; these parts use reflection metadata, an approximation of the same work.");
        text.AppendLine("\"whole pipeline\" rows run a request through hosting, middleware, routing, endpoint and result of a separate in-process host (no HTTP parsing, TLS or sockets): their difference is all the service adds above the server.");
        text.AppendLine("The other rows call the measured instances' singletons: \"endpoint\" includes the harness (its own row); \"handler\" is the decision alone, from the caches, with its log call; \"part\" rows split the endpoint.");
        text.AppendLine();
        text.AppendLine("| instance | section | µs per call | bytes allocated per call | calls |");
        text.AppendLine("|:--|:--|--:|--:|--:|");
        foreach (var s in sections)
        {
            text.AppendLine(c, $"| {s.Instance} | {s.Name} | {s.MicrosecondsPerCall:0.0} | {s.BytesPerCall:0} | {s.Calls} |");
        }

        return text.ToString();
    }

    private static Task<Section> TimeAsync(InterceptorInstance instance, string name, Func<Task> call) =>
        TimeAsync($"Serilog {instance.LogLevel}", name, call);

    private static async Task<Section> TimeAsync(string label, string name, Func<Task> call)
    {
        for (var i = 0; i < WarmupIterations; i++)
        {
            await call();
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(Budget.TotalSeconds * Stopwatch.Frequency);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        var calls = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            for (var i = 0; i < 100; i++)
            {
                await call();
            }

            calls += 100;
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        return new Section(label, name, elapsed.TotalMicroseconds / calls, (double)bytes / calls, calls);
    }

    private static async Task CallEndpointAsync(EvictionAdmissionEndpoint endpoint, IServiceProvider services, byte[] body)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Response.Body = Stream.Null;
        var result = await endpoint.HandleAsync(context);
        await result.ExecuteAsync(context);
        if (context.Response.StatusCode != StatusCodes.Status200OK)
        {
            throw new InvalidOperationException($"endpoint answered {context.Response.StatusCode}");
        }
    }

    /// <summary>What the bare endpoint does, through the same harness: the part of an "endpoint" figure that is not the service's.</summary>
    private static async Task CallBareLikeAsync(IServiceProvider services, byte[] body)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Response.Body = Stream.Null;
        while (true)
        {
            var read = await context.Request.BodyReader.ReadAsync();
            context.Request.BodyReader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(Reviews.FixedAllowedAnswer);
    }

    private static bool Valid(FluentValidation.Results.ValidationResult result) =>
        result.IsValid ? true : throw new InvalidOperationException("invalid: " + result);

    private static void Check(AdmissionResponse response, bool allowed)
    {
        if (response.Allowed != allowed)
        {
            throw new InvalidOperationException($"expected allowed={allowed}, got {response}");
        }
    }

    private static EvictionReview Review(string pod) =>
        new(Reviews.Uid, BenchCluster.Namespace, pod, false, null, "system:serviceaccount:kube-system:cluster-autoscaler");

    /// <summary>The same scope the endpoint opens around every review.</summary>
    private static ReviewLogScope Scope(EvictionReview review) => new(review);
}
