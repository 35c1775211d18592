using Interceptor.Checkpoint.Images;
using Interceptor.Checkpoint.Registry;
using Interceptor.Checkpoint.Transfer;
using Interceptor.Options;

namespace Interceptor.Agent;

/// <summary>
/// The registry transport as the agent runs it: one HttpClient (its connections and TLS policy), the registry
/// client, the image builder and the transfer, made once and disposed with the host (a DI singleton).
/// </summary>
public sealed class AgentRegistry : IDisposable
{
    private readonly HttpClient _http;

    public AgentRegistry(AgentRegistryOptions options, TimeProvider time, ILogger<AgentRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var registry = options.ToRegistryOptions();
        _http = RegistryHttpClient.Create(registry);
        var client = new RegistryClient(_http, registry, time);
        Transfer = new RegistryCheckpointTransfer(client, new CheckpointImageBuilder(client, options.ToImageOptions()), options.ToTransferOptions());
        logger.LogInformation("Checkpoints go to {Endpoint}, repository {Repository}, {Compression} layers, {Credentials}",
            registry.Endpoint, options.Repository, options.Compression, registry.Username is null ? "anonymous" : "with credentials from files");
    }

    public RegistryCheckpointTransfer Transfer { get; }

    public void Dispose() => _http.Dispose();
}
