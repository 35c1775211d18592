using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Interceptor.Simulator.Kubeconfig;

/// <summary>
/// A one-cluster kubeconfig for the fake server, as kubectl and client-go read it. The user is a bearer token
/// because the server authenticates nobody: any token is accepted, and a token user keeps kubectl from prompting.
/// </summary>
internal static class KubeconfigWriter
{
    public const string ContextName = "interceptor-simulator";
    public const string Token = "interceptor-simulator-token";

    public static string Render(Uri server, X509Certificate2? ca, string defaultNamespace)
    {
        var text = new StringBuilder();
        text.Append("apiVersion: v1\nkind: Config\nclusters:\n");
        text.Append($"- name: {ContextName}\n  cluster:\n    server: {Quote(server.ToString().TrimEnd('/'))}\n");
        if (ca is not null)
        {
            // client-go wants the PEM, base64-encoded once more, in certificate-authority-data.
            var pem = Encoding.ASCII.GetBytes(ca.ExportCertificatePem() + "\n");
            text.Append($"    certificate-authority-data: {Convert.ToBase64String(pem)}\n");
        }
        text.Append($"users:\n- name: {ContextName}\n  user:\n    token: {Token}\n");
        text.Append($"contexts:\n- name: {ContextName}\n  context:\n    cluster: {ContextName}\n    user: {ContextName}\n");
        text.Append($"    namespace: {Quote(defaultNamespace)}\n");
        text.Append($"current-context: {ContextName}\npreferences: {{}}\n");
        return text.ToString();
    }

    /// <summary>A YAML double-quoted scalar; URLs and namespace names never need escapes beyond these.</summary>
    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
