using System.Text.RegularExpressions;
using Interceptor.Checkpoint.Kubelet;

namespace Interceptor.Checkpoint.Archive;

/// <summary>
/// The names a checkpoint claims to be of must be names Kubernetes would accept, because callers use them
/// as paths and keys (the shared-volume transport builds directories from them): a pod is a DNS-1123
/// subdomain, a namespace and a container name are DNS-1123 labels (apimachinery ValidateNamespaceName,
/// ValidatePodName; a container name is a label in core validation), a pod UID is a UUID, which is a label too.
/// A container name that is the engine's own (Podman's, or config.dump's when spec.dump names none, such as
/// CRI-O's k8s_{container}_{pod}_{namespace}_{uid}_{attempt}) is checked against the engines' name rule,
/// [a-zA-Z0-9][a-zA-Z0-9_.-]* (Podman and CRI-O), which has no '/' and cannot start with '.'.
/// </summary>
internal static partial class IdentityNames
{
    /// <param name="kubernetesContainer">Whether <paramref name="container"/> is the container's name in its pod (from spec.dump annotations).</param>
    public static void Verify(bool kubernetesContainer, string container, string? pod, string? podNamespace, string? podUid)
    {
        if (kubernetesContainer)
        {
            Require(container, KubeletNames.IsLabel(container), "container", "a DNS-1123 label");
        }
        else
        {
            Require(container, EngineName().IsMatch(container) && container.Length <= 253, "container", "a container engine's name");
        }

        Require(pod, pod is null || KubeletNames.IsSubdomain(pod), "pod", "a DNS-1123 subdomain");
        Require(podNamespace, podNamespace is null || KubeletNames.IsLabel(podNamespace), "namespace", "a DNS-1123 label");
        Require(podUid, podUid is null || KubeletNames.IsLabel(podUid), "pod UID", "a UUID");
    }

    private static void Require(string? value, bool valid, string what, string rule)
    {
        if (!valid)
        {
            throw MetadataJson.Invalid(CheckpointArchiveFiles.SpecDump,
                $"the {what} name '{CheckpointArchiveException.Printable(Shorten(value!))}' is not {rule}, as Kubernetes requires");
        }
    }

    private static string Shorten(string value) => value.Length <= 100 ? value : value[..100] + "...";

    [GeneratedRegex(@"\A[a-zA-Z0-9][a-zA-Z0-9_.-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex EngineName();
}
