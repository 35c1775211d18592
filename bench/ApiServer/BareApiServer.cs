using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Interceptor.Bench.ApiServer;

/// <summary>
/// The baseline: Kestrel on 127.0.0.1 (HTTP, or HTTPS with a self-signed certificate) answering the pod routes the
/// runs use with the fake server's own captured bytes (<see cref="CapturedAnswers"/>): GET of one pod, the lists by
/// namespace and selector, POST (body read to its end), merge PATCH (the sequence number copied into the answer) and
/// watch (each PATCH broadcast to every open stream). What the fake server does beyond this is its own cost.
/// </summary>
public sealed class BareApiServer : IAsyncDisposable
{
    private static readonly byte[] EventPrefix = "{\"type\":\"MODIFIED\",\"object\":"u8.ToArray();
    private static readonly byte[] EventSuffix = "}\n"u8.ToArray();
    private static readonly byte[] SequenceKey = Encoding.UTF8.GetBytes($"\"{BenchPods.SequenceAnnotation}\":\"");

    private readonly WebApplication _app;
    private readonly X509Certificate2? _certificate;

    private BareApiServer(WebApplication app, X509Certificate2? certificate, Uri baseAddress)
    {
        _app = app;
        _certificate = certificate;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<BareApiServer> StartAsync(CapturedAnswers answers, bool https, int watchBufferSize)
    {
        var certificate = https ? SelfSignedCertificate.ForLoopback() : null;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        MapRoutes(app, answers, new WatchBroadcast(watchBufferSize));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new BareApiServer(app, certificate, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>A real KubernetesClient pointed at the bare endpoint, trusting exactly its certificate, as <c>FakeApiServer.CreateClient</c> does.</summary>
    public Kubernetes CreateClient()
    {
        var config = new KubernetesClientConfiguration { Host = BaseAddress.ToString() };
        if (_certificate is not null)
        {
            config.SslCaCerts = [X509CertificateLoader.LoadCertificate(_certificate.RawData)];
        }

        return new Kubernetes(config);
    }

    private static void MapRoutes(WebApplication app, CapturedAnswers answers, WatchBroadcast broadcast)
    {
        app.MapGet("/api/v1/namespaces/{ns}/pods/{name}", context => WriteAsync(context, StatusCodes.Status200OK, answers.Pod));
        app.MapGet("/api/v1/namespaces/{ns}/pods", context =>
        {
            var query = context.Request.Query;
            if (query["watch"] == "true" || query["watch"] == "1")
            {
                return StreamWatchAsync(context, broadcast);
            }

            var key = new ListKey((string)context.Request.RouteValues["ns"]!, Optional(query["labelSelector"]), Optional(query["fieldSelector"]));
            return answers.Lists.TryGetValue(key, out var list)
                ? WriteAsync(context, StatusCodes.Status200OK, list)
                : WriteAsync(context, StatusCodes.Status404NotFound, "{}"u8.ToArray());
        });
        app.MapPost("/api/v1/namespaces/{ns}/pods", async context =>
        {
            await RunHygiene.DrainAsync(context.Request.BodyReader, context.RequestAborted);
            await WriteAsync(context, StatusCodes.Status201Created, answers.Created);
        });
        app.MapMethods("/api/v1/namespaces/{ns}/pods/{name}", [HttpMethods.Patch], async context =>
        {
            var sequence = await ReadSequenceAsync(context.Request.BodyReader, context.RequestAborted);
            byte[] pod = [.. answers.PatchedBeforeSequence, .. sequence, .. answers.PatchedAfterSequence];
            broadcast.Publish([.. EventPrefix, .. pod, .. EventSuffix]);
            await WriteAsync(context, StatusCodes.Status200OK, pod);
        });
    }

    /// <summary>Writes broadcast lines as they come, flushing when none is waiting, until the client goes or the stream is dropped.</summary>
    private static async Task StreamWatchAsync(HttpContext context, WatchBroadcast broadcast)
    {
        var events = broadcast.Subscribe();
        try
        {
            context.Response.ContentType = "application/json";
            await context.Response.StartAsync(context.RequestAborted);
            var body = context.Response.BodyWriter;
            while (await events.WaitToReadAsync(context.RequestAborted))
            {
                while (events.TryRead(out var line))
                {
                    body.Write(line);
                }

                await body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The watcher hung up: the normal end of a watch.
        }
        finally
        {
            broadcast.Unsubscribe(events);
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, byte[] answer)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, context.RequestAborted);
    }

    private static string? Optional(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 ? null : value.ToString();

    /// <summary>The digits after the sequence annotation's key in the patch body: a byte search, the least a server could do to echo it.</summary>
    private static async Task<byte[]> ReadSequenceAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (result.IsCompleted || result.IsCanceled)
            {
                var body = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                var at = body.AsSpan().IndexOf(SequenceKey);
                var digits = at < 0 ? [] : body.AsSpan(at + SequenceKey.Length);
                var length = digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
                return Utf8Parser.TryParse(digits, out long _, out _) ? digits[..(length < 0 ? digits.Length : length)].ToArray() : "0"u8.ToArray();
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate?.Dispose();
    }
}
