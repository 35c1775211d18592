using System.Net;
using Polly;
using Polly.Timeout;

namespace Interceptor.Checkpoint.Registry;

/// <summary>
/// Sends one logical request: through the pipeline (retries, per-attempt timeout), answering a 401
/// challenge once per attempt, and turning an unexpected status into a classified
/// <see cref="RegistryException"/>. The request is made by a factory because a sent
/// <see cref="HttpRequestMessage"/> cannot be sent again.
/// </summary>
internal sealed class RegistryTransport(HttpClient http, RegistryOptions options, ResiliencePipeline pipeline)
{
    private readonly RegistryAuthenticator _authenticator = new(http, options);

    public Uri Endpoint => options.Endpoint;

    public async Task<RegistryResponse> SendAsync(
        string operation, Func<HttpRequestMessage> createRequest, Func<HttpStatusCode, bool> expected, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(
                async token =>
                {
                    var response = await SendAuthenticatedAsync(operation, createRequest, token).ConfigureAwait(false);
                    return expected(response.Status) ? response : throw RegistryFailures.FromStatus(operation, response);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new RegistryException(RegistryFailureKind.Timeout, operation,
                $"no complete answer within {options.AttemptTimeout.TotalSeconds:0.###} s (attempts: {options.MaxAttempts})", null, ex);
        }
    }

    private async Task<RegistryResponse> SendAuthenticatedAsync(string operation, Func<HttpRequestMessage> createRequest, CancellationToken token)
    {
        var response = await SendOnceAsync(operation, createRequest, _authenticator.Current, token).ConfigureAwait(false);
        if (response.Status != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var challenge = AuthChallenge.Select(response.Headers.WwwAuthenticate)
            ?? throw new RegistryException(RegistryFailureKind.Unauthorized, operation, "401 without a Basic or Bearer challenge", 401);
        var answer = await _authenticator.AnswerAsync(operation, challenge, token).ConfigureAwait(false)
            ?? throw new RegistryException(RegistryFailureKind.Unauthorized, operation, "the registry wants credentials and none are configured", 401);
        response = await SendOnceAsync(operation, createRequest, answer, token).ConfigureAwait(false);
        return response.Status != HttpStatusCode.Unauthorized
            ? response
            : throw new RegistryException(RegistryFailureKind.Unauthorized, operation, $"the registry refused the {challenge.Scheme} credentials", 401);
    }

    private async Task<RegistryResponse> SendOnceAsync(
        string operation, Func<HttpRequestMessage> createRequest, System.Net.Http.Headers.AuthenticationHeaderValue? authorization, CancellationToken token)
    {
        using var request = createRequest();
        request.Headers.Authorization = authorization;
        return await RegistryWire.SendOnceAsync(http, request, options.MaxResponseBytes, operation, token).ConfigureAwait(false);
    }
}
