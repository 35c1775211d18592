namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// One container of one pod, as the kubelet checkpoint API addresses it:
/// <c>/checkpoint/{Namespace}/{Pod}/{Container}</c>. The names are checked by
/// <see cref="KubeletNames.Validate"/> before any request is sent.
/// </summary>
public sealed record ContainerRef(string Namespace, string Pod, string Container)
{
    public override string ToString() => $"{Namespace}/{Pod}/{Container}";
}
