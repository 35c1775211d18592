namespace Interceptor.Simulator.Registry;

/// <summary>
/// <c>/v2/&lt;name&gt;/blobs/uploads/[&lt;id&gt;]</c>: start (or mount, or push in one POST), PATCH chunks in order,
/// close with PUT ?digest=, ask the status, cancel. Every byte goes straight to the session's file and hash.
/// </summary>
internal sealed class UploadEndpoints(BlobStore blobs, UploadSessions sessions)
{
    public Task HandleAsync(HttpContext context, UploadRoute route) => (context.Request.Method, route.Id) switch
    {
        ("POST", null) => StartAsync(context, route.Name),
        ("PATCH", { } id) => PatchAsync(context, sessions.Get(route.Name, id)),
        ("PUT", { } id) => CloseAsync(context, sessions.Get(route.Name, id)),
        ("GET", { } id) => Status(context, sessions.Get(route.Name, id)),
        ("DELETE", { } id) => CancelAsync(context, sessions.Get(route.Name, id)),
        var (method, _) => throw RegistryErrors.Unsupported(405, $"{method} on {context.Request.Path}"),
    };

    private async Task StartAsync(HttpContext context, string name)
    {
        var query = context.Request.Query;
        if (query.TryGetValue("mount", out var mount) && TryMount(context, name, Digest.Parse(mount), query["from"]))
        {
            return;
        }

        // Parsed before a session exists, so a bad digest leaves nothing behind.
        Digest? oneRequest = query.TryGetValue("digest", out var digest) ? Digest.Parse(digest) : null;
        // A mount that cannot be served falls back to a new session (202), as the spec says it SHOULD.
        var session = sessions.Start(name);
        if (oneRequest is { } expected)
        {
            await CloseAsync(context, session, expected);
            return;
        }

        await RegistryResponses.Empty(context, StatusCodes.Status202Accepted, RegistryHeaders.UploadState(session));
    }

    private bool TryMount(HttpContext context, string name, Digest digest, string? from)
    {
        if (from is not null && !RegistryNames.IsValidName(from))
        {
            throw RegistryErrors.NameInvalid(from);
        }

        if (!blobs.TryMount(name, digest, from))
        {
            return false;
        }

        RegistryResponses.Empty(context, StatusCodes.Status201Created, Created(name, digest));
        return true;
    }

    private async Task PatchAsync(HttpContext context, UploadSession session)
    {
        using (await session.AcquireAsync(context.RequestAborted))
        {
            await ReceiveChunkAsync(context, session);
        }

        await RegistryResponses.Empty(context, StatusCodes.Status202Accepted, RegistryHeaders.UploadState(session));
    }

    private Task CloseAsync(HttpContext context, UploadSession session)
    {
        var digest = context.Request.Query["digest"].ToString();
        return CloseAsync(context, session, Digest.Parse(digest.Length == 0 ? null : digest));
    }

    /// <summary>
    /// Takes the optional last chunk, then checks the whole content against <paramref name="expected"/>. Any
    /// outcome but an out-of-order chunk ends the session: a wrong digest discards the upload, as distribution does.
    /// </summary>
    private async Task CloseAsync(HttpContext context, UploadSession session, Digest expected)
    {
        Digest actual;
        using (await session.AcquireAsync(context.RequestAborted))
        {
            await ReceiveChunkAsync(context, session);
            actual = await session.CompleteAsync(expected.Algorithm, context.RequestAborted);
            if (actual == expected)
            {
                blobs.Commit(session.Repository, expected, session.FilePath);
            }

            sessions.End(session);
        }

        if (actual != expected)
        {
            throw RegistryErrors.DigestInvalid($"the uploaded content is {actual}, not {expected}");
        }

        await RegistryResponses.Empty(context, StatusCodes.Status201Created, Created(session.Repository, expected));
    }

    /// <summary>
    /// Checks the chunk's Content-Range against the session's offset (416 when it does not start there) and its
    /// Content-Length against the range, then streams the body in. No Content-Range is a streamed chunk that
    /// simply appends, which is how containers/image (skopeo, podman) pushes.
    /// </summary>
    private static async Task ReceiveChunkAsync(HttpContext context, UploadSession session)
    {
        var request = context.Request;
        if (ContentRange.Parse(request.Headers.ContentRange) is { } range)
        {
            if (range.Start != session.Offset)
            {
                throw RegistryErrors.ChunkOutOfOrder(session.Offset, range.Start, RegistryHeaders.UploadState(session));
            }

            if (request.ContentLength is { } length && length != range.Length)
            {
                throw RegistryErrors.SizeInvalid($"Content-Length {length} but Content-Range covers {range.Length} bytes");
            }
        }

        await session.AppendAsync(request.BodyReader, context.RequestAborted);
    }

    private static Task Status(HttpContext context, UploadSession session) =>
        RegistryResponses.Empty(context, StatusCodes.Status204NoContent, RegistryHeaders.UploadState(session));

    private async Task CancelAsync(HttpContext context, UploadSession session)
    {
        using (await session.AcquireAsync(context.RequestAborted))
        {
            sessions.End(session);
        }

        await RegistryResponses.Empty(context, StatusCodes.Status204NoContent, new Dictionary<string, string>());
    }

    private static Dictionary<string, string> Created(string name, Digest digest) => new()
    {
        ["Location"] = RegistryHeaders.BlobLocation(name, digest),
        [RegistryHeaders.ContentDigest] = digest.ToString(),
    };
}
