using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Timeout;

namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// Calls the kubelet checkpoint API over an <see cref="HttpClient"/> (use
/// <see cref="KubeletHttpClient.Create"/>, or give one whose Timeout is infinite: the pipeline owns
/// the deadline). Each call: validate names, then through <see cref="KubeletPipelines"/> POST,
/// read the bounded body, classify a failure (<see cref="KubeletFailures"/>) or parse the archive
/// path (<see cref="CheckpointItems"/>). The HttpClient is not disposed.
/// </summary>
public sealed class KubeletCheckpointClient : IKubeletCheckpointClient
{
    private readonly HttpClient _http;
    private readonly KubeletClientOptions _options;
    private readonly ResiliencePipeline _pipeline;

    public KubeletCheckpointClient(HttpClient httpClient, KubeletClientOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = httpClient;
        _options = (options ?? KubeletClientOptions.Default).Validated();
        _pipeline = KubeletPipelines.Create(_options, timeProvider ?? TimeProvider.System);
    }

    public async Task<KubeletCheckpoint> CheckpointAsync(ContainerRef container, TimeSpan checkpointTimeout, CancellationToken cancellationToken = default)
    {
        KubeletNames.Validate(container);
        var seconds = KubeletRequests.WholeSeconds(checkpointTimeout);
        var uri = KubeletRequests.CheckpointUri(_options.BaseAddress, container, seconds);
        var deadline = TimeSpan.FromSeconds(seconds) + _options.TimeoutMargin;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(KubeletPipelines.Deadline, deadline);
        var attempts = 0;
        KubeletCheckpointException? lastFailure = null;
        try
        {
            var path = await _pipeline.ExecuteAsync(
                async ctx =>
                {
                    attempts++;
                    try
                    {
                        return await SendOnceAsync(container, uri, ctx.CancellationToken).ConfigureAwait(false);
                    }
                    catch (KubeletCheckpointException failure)
                    {
                        lastFailure = failure;
                        throw;
                    }
                },
                context).ConfigureAwait(false);
            return new KubeletCheckpoint(container, path, attempts);
        }
        catch (TimeoutRejectedException ex)
        {
            // The deadline may fall in a backoff: say what the attempts before it ran into.
            throw KubeletFailures.DeadlineExceeded(container, deadline, attempts, lastFailure, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<string> SendOnceAsync(ContainerRef container, Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri);
            if (await ServiceAccountToken.ReadAsync(_options.TokenPath, container, cancellationToken).ConfigureAwait(false) is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var (body, truncated) = await KubeletResponseBody.ReadAsync(response.Content, _options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw KubeletFailures.FromStatus(response.StatusCode, body, container);
            }

            if (truncated)
            {
                throw KubeletFailures.Protocol(container, $"the answer is longer than {_options.MaxResponseBytes} bytes");
            }

            return CheckpointItems.Parse(body, container, _options.CheckpointDirectory);
        }
        catch (Exception ex) when (KubeletFailures.FromException(ex, container, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }
}
