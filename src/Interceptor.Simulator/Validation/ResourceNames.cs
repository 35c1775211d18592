using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Validation;

/// <summary>
/// The name function each resource's strategy passes to ValidateObjectMeta. Most use NameIsDNSSubdomain (pods,
/// configmaps, deployments, custom resources ...); these differ: namespaces (ValidateNamespaceName) and StatefulSets
/// (ValidateStatefulSetName, since the pods' hostnames are built from it) are RFC 1123 labels, Services DNS-1035 labels
/// (ValidateServiceName; RelaxedServiceNameValidation is off by default), RBAC objects path segments (ValidateRBACName).
/// </summary>
internal static class ResourceNames
{
    private static readonly Dictionary<(string Group, string Plural), NameValidator> Special = new()
    {
        [("", "namespaces")] = NameValidators.DnsLabel,
        [("", "services")] = NameValidators.Dns1035Label,
        [("apps", "statefulsets")] = NameValidators.DnsLabel,
        [("rbac.authorization.k8s.io", "roles")] = NameValidators.PathSegment,
        [("rbac.authorization.k8s.io", "rolebindings")] = NameValidators.PathSegment,
        [("rbac.authorization.k8s.io", "clusterroles")] = NameValidators.PathSegment,
        [("rbac.authorization.k8s.io", "clusterrolebindings")] = NameValidators.PathSegment,
    };

    public static NameValidator For(ResourceType resource) =>
        Special.GetValueOrDefault((resource.Group, resource.Plural), NameValidators.DnsSubdomain);

    /// <summary>
    /// core/v1 Events skip ValidateObjectMeta: ValidateEventCreate returns after legacyValidateEvent for requests in
    /// v1 "for backwards compatibility" (pkg/apis/core/validation/events.go), so a generateName like
    /// <c>pod.</c>, which recorders use, is accepted there. Only events.k8s.io/v1 is validated strictly.
    /// </summary>
    public static bool ValidatesObjectMeta(ResourceType resource) => !(resource.Group == "" && resource.Plural == "events");
}
