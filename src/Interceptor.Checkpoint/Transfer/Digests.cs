namespace Interceptor.Checkpoint.Transfer;

/// <summary>The OCI digest notation (<c>sha256:{hex}</c>) both transports record.</summary>
internal static class Digests
{
    public static string Sha256(string hex) => "sha256:" + hex;
}
