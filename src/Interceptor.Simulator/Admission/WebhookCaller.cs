using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission;

/// <summary>
/// Posts one AdmissionReview over HTTPS and reads the answer. Failures are reported in the words of Go's
/// net/http and client-go, because that is what a real caller finds inside "failed calling webhook".
/// </summary>
internal static class WebhookCaller
{
    public static async Task<WebhookOutcome> CallAsync(
        ValidatingWebhook hook, AdmissionWebhooks settings, JsonObject review, CancellationToken aborted)
    {
        var (endpoint, unreachable) = WebhookEndpoint.Resolve(hook.ClientConfig, settings, hook.Timeout);
        if (endpoint is null)
        {
            return new WebhookOutcome.Failed($"failed to call webhook: {unreachable}");
        }
        var trust = WebhookTrust.FromCaBundle(Meta.String(hook.ClientConfig, "caBundle"));
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = trust.Validate;
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(hook.Timeout);
        try
        {
            using var request = Request(endpoint, review);
            using var response = await client.SendAsync(request, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            return response.IsSuccessStatusCode
                ? WebhookResponse.Read(body, Meta.String(review["request"], "uid")!)
                : new WebhookOutcome.Failed($"failed to call webhook: {StatusErrors.Generic((int)response.StatusCode).Message}");
        }
        catch (Exception e) when (!aborted.IsCancellationRequested && e is HttpRequestException or OperationCanceledException)
        {
            return new WebhookOutcome.Failed($"failed to call webhook: Post \"{endpoint.DisplayUrl}\": {Describe(e, endpoint, trust)}");
        }
    }

    private static HttpRequestMessage Request(WebhookEndpoint endpoint, JsonObject review)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Address)
        {
            Content = new StringContent(review.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (endpoint.TlsHost is not null)
        {
            // SocketsHttpHandler takes SNI and the certificate name from Host: {name}.{namespace}.svc.
            request.Headers.Host = endpoint.TlsHost;
        }
        return request;
    }

    private static string Describe(Exception e, WebhookEndpoint endpoint, WebhookTrust trust)
    {
        var address = $"{endpoint.Address.Host}:{endpoint.Address.Port}";
        return e switch
        {
            OperationCanceledException => "context deadline exceeded",
            _ when trust.Failure is not null => trust.Failure,
            { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } =>
                $"dial tcp {address}: connect: connection refused",
            { InnerException: AuthenticationException } => "tls: handshake failure",
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => "EOF",
            _ => e.Message,
        };
    }
}
