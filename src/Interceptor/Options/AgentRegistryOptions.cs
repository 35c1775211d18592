using Interceptor.Checkpoint.Images;
using Interceptor.Checkpoint.Registry;

namespace Interceptor.Options;

/// <summary>
/// The agent's registry transport (<c>Interceptor:Agent:Registry</c>): where checkpoint images are pushed and how.
/// Credentials are never settings themselves, only the paths of files mounted from a Secret, so they appear in no
/// ConfigMap, environment variable or log.
/// </summary>
public sealed class AgentRegistryOptions
{
    /// <summary>The default repository; private, because checkpoint images hold process memory.</summary>
    public const string DefaultRepository = "interceptor/checkpoints";

    /// <summary><c>https://host[:port]</c>; <c>http://</c> only for a loopback registry (tests, a node-local mirror).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The one repository all checkpoint images go to; the tag names pod UID, container and attempt.</summary>
    public string Repository { get; set; } = DefaultRepository;

    /// <summary>host[:port] written into image references when target nodes reach the registry under another name; empty means the endpoint's.</summary>
    public string? ReferenceHost { get; set; }

    /// <summary>PEM CA bundle; when set, only it is trusted for the registry (not the system roots).</summary>
    public string? CertificateAuthorityPath { get; set; }

    /// <summary>File holding the user name (a Secret key); set together with <see cref="PasswordFile"/>, or neither for anonymous pushes.</summary>
    public string? UsernameFile { get; set; }

    /// <summary>File holding the password or token (a Secret key).</summary>
    public string? PasswordFile { get; set; }

    /// <summary>
    /// Hosts of a token service on another host than the registry (Docker Hub's, GitLab's) that may receive the
    /// credentials; empty means only the registry's own host. The realm must be https regardless.
    /// </summary>
    public List<string> TokenRealmHosts { get; set; } = [];

    /// <summary>Layer compression: <c>Zstd</c> (default, chosen by measurement), <c>Gzip</c> or <c>None</c>; case does not matter.</summary>
    public LayerCompression Compression { get; set; } = LayerCompression.Zstd;

    /// <summary>Bytes per upload PATCH; the push holds two such buffers, so this bounds its memory at twice the size.</summary>
    public int ChunkSizeBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The registry client's options; reads the credential files, once (a rotated Secret takes a restart).</summary>
    public RegistryOptions ToRegistryOptions() => new()
    {
        Endpoint = new Uri(Endpoint!),
        CertificateAuthorityPath = string.IsNullOrEmpty(CertificateAuthorityPath) ? null : CertificateAuthorityPath,
        Username = ReadSecretFile(UsernameFile),
        Password = ReadSecretFile(PasswordFile),
        ChunkSizeBytes = ChunkSizeBytes,
        TokenRealmHosts = TokenRealmHosts,
    };

    public RegistryTransferOptions ToTransferOptions() => new()
    {
        Repository = Repository,
        ReferenceHost = string.IsNullOrEmpty(ReferenceHost) ? null : ReferenceHost,
    };

    public CheckpointImageOptions ToImageOptions() => new() { Compression = Compression };

    // `echo secret > file` and most editors end the file with a newline that is not part of the secret.
    private static string? ReadSecretFile(string? path) =>
        string.IsNullOrEmpty(path) ? null : File.ReadAllText(path).TrimEnd('\r', '\n');
}
