namespace Interceptor.Checkpoint.Registry;

/// <summary>
/// How a registry operation failed: the whole taxonomy, classified in one place
/// (<see cref="RegistryFailures"/>). "Transient" means a later attempt may succeed
/// (<see cref="RegistryException.IsTransient"/>); "terminal" means it will not until someone changes
/// something (credentials, registry configuration, the archive). Which kinds the client retries by
/// itself is decided in <see cref="RegistryPipelines"/>.
/// </summary>
public enum RegistryFailureKind
{
    /// <summary>Terminal. 401 after authenticating (or no credentials for a registry that wants them), or the token endpoint refused them.</summary>
    Unauthorized,

    /// <summary>Terminal. 403: the credentials are good but may not push to, pull from or delete in this repository.</summary>
    Denied,

    /// <summary>Terminal. 405: the registry does not allow the operation (distribution: deletes need <c>storage.delete.enabled</c>).</summary>
    Unsupported,

    /// <summary>Terminal. 400 or the like: the registry refused the content (manifest invalid, name invalid, blob unknown).</summary>
    Rejected,

    /// <summary>Terminal. The registry computed another digest than ours for a blob or manifest: the bytes were changed on the way.</summary>
    DigestMismatch,

    /// <summary>Transient, retried. Connection refused or reset, 429, 500, 502, 503.</summary>
    Unavailable,

    /// <summary>Transient, retried. No complete answer within <see cref="RegistryOptions.AttemptTimeout"/> (late headers or a trickling body), or 504.</summary>
    Timeout,

    /// <summary>
    /// Transient, not retried by the client. A chunked upload lost its place: the session expired (404)
    /// or the registry holds another offset than ours (416). Sending the same chunk again cannot fix
    /// it; publishing again starts a fresh upload.
    /// </summary>
    UploadLost,

    /// <summary>Terminal. The registry's TLS certificate failed verification against the configured CA.</summary>
    Untrusted,

    /// <summary>Terminal. An answer the distribution API does not give: missing Location, a malformed digest, an oversized body, an unexpected status.</summary>
    ProtocolError,
}
