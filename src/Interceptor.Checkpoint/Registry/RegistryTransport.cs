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
    private readonly CredentialScope _scope = new(options);
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
        var (response, target) = await SendOnceAsync(operation, createRequest, _authenticator.Current, token).ConfigureAwait(false);
        if (response.Status != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        if (!_scope.MayAuthorize(target))
        {
            // An upload Location on another origin (or a registry on plain http off loopback) asked for credentials.
            throw new RegistryException(RegistryFailureKind.Unauthorized, operation,
                $"{target?.GetLeftPart(UriPartial.Authority)} asks for credentials; they are only sent to the registry's own origin over https (or loopback http)", 401);
        }

        var challenge = AuthChallenge.Select(response.Headers.WwwAuthenticate)
            ?? throw new RegistryException(RegistryFailureKind.Unauthorized, operation, "401 without a Basic or Bearer challenge", 401);
        var answer = await _authenticator.AnswerAsync(operation, challenge, token).ConfigureAwait(false)
            ?? throw new RegistryException(RegistryFailureKind.Unauthorized, operation, "the registry wants credentials and none are configured", 401);
        (response, _) = await SendOnceAsync(operation, createRequest, answer, token).ConfigureAwait(false);
        return response.Status != HttpStatusCode.Unauthorized
            ? response
            : throw new RegistryException(RegistryFailureKind.Unauthorized, operation, $"the registry refused the {challenge.Scheme} credentials", 401);
    }

    /// <summary>Sends once; the Authorization header only where <see cref="CredentialScope.MayAuthorize"/> allows it.</summary>
    private async Task<(RegistryResponse Response, Uri? Target)> SendOnceAsync(
        string operation, Func<HttpRequestMessage> createRequest, System.Net.Http.Headers.AuthenticationHeaderValue? authorization, CancellationToken token)
    {
        using var request = createRequest();
        request.Headers.Authorization = _scope.MayAuthorize(request.RequestUri) ? authorization : null;
        var response = await RegistryWire.SendOnceAsync(http, request, options.MaxResponseBytes, operation, token).ConfigureAwait(false);
        return (response, request.RequestUri);
    }
}
