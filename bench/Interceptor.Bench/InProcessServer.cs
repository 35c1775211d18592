using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Interceptor.Bench;

/// <summary>
/// An <see cref="IServer"/> without sockets: it keeps the application the host hands it and runs requests through
/// it in process. Everything above the server runs as under Kestrel (hosting's Activity and log scope, middleware,
/// routing, endpoint, result); HTTP parsing, TLS and the network are left out, on both sides of a comparison.
/// </summary>
public sealed class InProcessServer : IServer
{
    private Func<byte[], Task<(int Status, byte[] Answer)>>? _send;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        _send = async body =>
        {
            var answer = new MemoryStream();
            var response = new HttpResponseFeature();
            var features = new FeatureCollection();
            features.Set<IHttpRequestFeature>(new HttpRequestFeature
            {
                Protocol = "HTTP/1.1",
                Scheme = "https",
                Method = HttpMethods.Post,
                Path = "/validate/eviction",
                Headers = new HeaderDictionary { ["Content-Type"] = "application/json", ["Content-Length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Host"] = "127.0.0.1" },
                Body = new MemoryStream(body, writable: false),
            });
            features.Set<IHttpResponseFeature>(response);
            features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(answer));
            var context = application.CreateContext(features);
            Exception? error = null;
            try
            {
                await application.ProcessRequestAsync(context);
            }
            catch (Exception e)
            {
                error = e;
                throw;
            }
            finally
            {
                application.DisposeContext(context, error);
            }

            return (response.StatusCode, answer.ToArray());
        };
        return Task.CompletedTask;
    }

    /// <summary>One POST to /validate/eviction over https, as the server would hand it to the application.</summary>
    public Task<(int Status, byte[] Answer)> SendAsync(byte[] body) =>
        (_send ?? throw new InvalidOperationException("the host has not started the server"))(body);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
