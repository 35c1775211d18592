using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Interceptor.Simulator.Tests.Support;

/// <summary>
/// The tests' own validating webhook: HTTPS on 127.0.0.1 with <see cref="TestCertificates"/>, recording every
/// AdmissionReview and answering with <see cref="Respond"/> (the uid is echoed unless the answer sets one).
/// </summary>
public sealed class TestWebhook : IAsyncDisposable
{
    public const string Path = "/validate/eviction";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonObject> _reviews = new();

    private TestWebhook(WebApplication app) => _app = app;

    /// <summary>Turns a review's <c>request</c> into the <c>response</c>; allows by default.</summary>
    public Func<JsonObject, JsonObject> Respond { get; set; } = _ => WebhookAnswers.Allow();

    /// <summary>The requests received, in order (the whole AdmissionReview each).</summary>
    public IReadOnlyList<JsonObject> Reviews => [.. _reviews];

    public int Port { get; private set; }

    /// <summary>The <c>clientConfig.url</c> to register.</summary>
    public string Url => $"https://127.0.0.1:{Port}{Path}";

    public static async Task<TestWebhook> StartAsync(TestCertificates certificates)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
            k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificates.Serving)));
        var app = builder.Build();
        var webhook = new TestWebhook(app);
        app.Run(webhook.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        webhook.Port = new Uri(address).Port;
        return webhook;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var review = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        _reviews.Enqueue(review);
        var request = review["request"]!.AsObject();
        var response = Respond(request);
        response["uid"] ??= request["uid"]!.DeepClone();
        var answer = new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["response"] = response };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
