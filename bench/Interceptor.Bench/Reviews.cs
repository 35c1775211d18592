using System.Text;
using System.Text.Json.Nodes;

namespace Interceptor.Bench;

/// <summary>
/// Request and answer bodies. The request is what the kube-apiserver sends for a pods/eviction CREATE
/// (admission.k8s.io/v1; the Eviction is in request.object, the pod is not), serialized once, before any timing.
/// </summary>
public static class Reviews
{
    /// <summary>Every request carries this UID; every answer must echo it.</summary>
    public const string Uid = "705ab4f5-6393-11e8-b7cc-42010a800002";

    /// <summary>The bare endpoint's answer: the smallest valid "allowed" AdmissionReview, written without parsing anything.</summary>
    public static byte[] FixedAllowedAnswer { get; } = Encoding.UTF8.GetBytes(
        $$$"""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":null,"response":{"uid":"{{{Uid}}}","allowed":true}}""");

    public static byte[] Eviction(string ns, string pod) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["apiVersion"] = "admission.k8s.io/v1",
        ["kind"] = "AdmissionReview",
        ["request"] = new JsonObject
        {
            ["uid"] = Uid,
            ["kind"] = new JsonObject { ["group"] = "policy", ["version"] = "v1", ["kind"] = "Eviction" },
            ["resource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
            ["subResource"] = "eviction",
            ["requestKind"] = new JsonObject { ["group"] = "policy", ["version"] = "v1", ["kind"] = "Eviction" },
            ["requestResource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
            ["requestSubResource"] = "eviction",
            ["name"] = pod,
            ["namespace"] = ns,
            ["operation"] = "CREATE",
            ["userInfo"] = new JsonObject
            {
                ["username"] = "system:serviceaccount:kube-system:cluster-autoscaler",
                ["groups"] = new JsonArray("system:serviceaccounts", "system:authenticated"),
            },
            ["object"] = new JsonObject
            {
                ["apiVersion"] = "policy/v1",
                ["kind"] = "Eviction",
                ["metadata"] = new JsonObject { ["name"] = pod, ["namespace"] = ns, ["creationTimestamp"] = null },
                ["deleteOptions"] = new JsonObject(),
            },
            ["oldObject"] = null,
            ["dryRun"] = false,
            ["options"] = new JsonObject { ["apiVersion"] = "meta.k8s.io/v1", ["kind"] = "CreateOptions" },
        },
    }.ToJsonString());

    private static readonly byte[] UidField = Encoding.UTF8.GetBytes($"\"uid\":\"{Uid}\"");
    private static readonly byte[] AllowedTrue = "\"allowed\":true"u8.ToArray();
    private static readonly byte[] AllowedFalse = "\"allowed\":false"u8.ToArray();
    private static readonly byte[] Code429 = "\"code\":429"u8.ToArray();

    /// <summary>
    /// Whether an answer says what the scenario expects: the echoed UID and the right <c>allowed</c>; a denial
    /// must also carry code 429. A byte search, so checking every answer costs next to nothing.
    /// </summary>
    public static bool IsExpectedAnswer(ReadOnlySpan<byte> body, bool allowed) =>
        body.IndexOf(UidField) >= 0
        && (allowed
            ? body.IndexOf(AllowedTrue) >= 0
            : body.IndexOf(AllowedFalse) >= 0 && body.IndexOf(Code429) >= 0);
}
