namespace Interceptor.Simulator.Resources;

/// <summary>
/// One REST resource the fake server serves, e.g. core v1 <c>pods</c>.
/// Everything else (paths, list kinds, discovery, error texts) is derived from these fields,
/// which is what keeps the server generic.
/// </summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Plural,
    string Kind,
    bool Namespaced,
    bool HasStatus)
{
    /// <summary>Field selector labels every resource supports, as the real server does.</summary>
    public static readonly IReadOnlyList<string> CommonFieldLabels = ["metadata.name", "metadata.namespace"];

    /// <summary>Extra field selector labels beyond <see cref="CommonFieldLabels"/> (for pods: spec.nodeName, status.phase...).</summary>
    public IReadOnlyList<string> ExtraFieldLabels { get; init; } = [];

    /// <summary>Discovery short names (<c>po</c>, <c>no</c>), which kubectl expands from discovery: <c>kubectl get po</c>.</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Discovery categories: <c>kubectl get all</c> expands <c>all</c> to the resources that list it.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>A CRD version's additionalPrinterColumns, for <c>kubectl get</c>; none means NAME and AGE.</summary>
    internal IReadOnlyList<Tables.PrinterColumn> PrinterColumns { get; init; } = [];

    /// <summary>Subresources beyond <c>status</c> (pods/eviction), for routing and discovery.</summary>
    public IReadOnlyList<ApiSubresource> Subresources { get; init; } = [];

    /// <summary>A CRD version's structural schema: pruning, defaulting and validation of its objects (none for built-ins).</summary>
    internal CustomResources.Schema.CustomResourceSchema? Schema { get; init; }

    /// <summary>Served from a CRD: no strategic merge patch (apiextensions-apiserver knows no patch strategies).</summary>
    public bool IsCustom { get; init; }

    public bool HasSubresource(string name) => Subresources.Any(s => s.Name == name);

    /// <summary>Stable identity used to key tables and histories; survives re-registration.</summary>
    public string Key => $"{Group}/{Version}/{Plural}";

    public bool IsCore => Group.Length == 0;

    /// <summary><c>v1</c> for core, <c>group/version</c> otherwise.</summary>
    public string ApiVersion => IsCore ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";

    /// <summary>The <c>schema.GroupResource.String()</c> form used in error messages: <c>pods</c>, <c>leases.coordination.k8s.io</c>.</summary>
    public string QualifiedResource => IsCore ? Plural : $"{Plural}.{Group}";

    /// <summary>The <c>schema.GroupKind.String()</c> form used in Invalid messages: <c>Pod</c>, <c>PodMigration.interceptor.dev</c>.</summary>
    public string QualifiedKind => IsCore ? Kind : $"{Kind}.{Group}";

    /// <summary>REST prefix without namespace: <c>/api/v1</c> or <c>/apis/{group}/{version}</c>.</summary>
    public string PathPrefix => IsCore ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    public bool SupportsFieldLabel(string label) =>
        CommonFieldLabels.Contains(label) || ExtraFieldLabels.Contains(label);
}
