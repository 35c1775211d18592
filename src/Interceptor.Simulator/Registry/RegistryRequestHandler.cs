namespace Interceptor.Simulator.Registry;

/// <summary>
/// The terminal handler: every answer carries the API version header, the path picks the endpoint, and every
/// <see cref="RegistryException"/> becomes the spec's error body.
/// </summary>
internal sealed class RegistryRequestHandler(BlobStore blobs, UploadSessions uploads, ManifestStore manifests, long maxManifestBytes)
{
    private readonly BlobEndpoints _blobs = new(blobs);
    private readonly UploadEndpoints _uploads = new(blobs, uploads);
    private readonly ManifestEndpoints _manifests = new(manifests, blobs, maxManifestBytes);
    private readonly TagsEndpoint _tags = new(manifests, blobs);

    public async Task HandleAsync(HttpContext context)
    {
        // Clients (docker, containers/image) look for this header on /v2/ to know they talk to a v2 registry.
        context.Response.Headers[RegistryHeaders.ApiVersion] = RegistryHeaders.ApiVersionValue;
        try
        {
            await (RegistryRouteParser.Parse(context.Request.Path.Value ?? "/") switch
            {
                BaseRoute => Base(context),
                BlobRoute blob => _blobs.HandleAsync(context, blob),
                UploadRoute upload => _uploads.HandleAsync(context, upload),
                ManifestRoute manifest => _manifests.HandleAsync(context, manifest),
                TagsRoute tags => _tags.HandleAsync(context, tags),
                var route => throw new InvalidOperationException($"no endpoint for {route}"),
            });
        }
        catch (RegistryException error) when (!context.Response.HasStarted)
        {
            await RegistryResponses.WriteErrorAsync(context, error);
        }
        catch (Exception bug) when (bug is not OperationCanceledException && !context.Response.HasStarted)
        {
            // The spec constrains 4xx bodies only; UNKNOWN is what distribution answers for its own failures.
            await RegistryResponses.WriteErrorAsync(context, new RegistryException(500, "UNKNOWN", bug.Message));
        }
    }

    private static Task Base(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            throw RegistryErrors.Unsupported(405, $"{context.Request.Method} on /v2/");
        }

        context.Response.ContentType = "application/json";
        context.Response.ContentLength = 2;
        return HttpMethods.IsGet(context.Request.Method) ? context.Response.WriteAsync("{}", context.RequestAborted) : Task.CompletedTask;
    }
}
