namespace Interceptor.Simulator.Resources;

/// <summary>
/// The resources every fake server starts with. Field labels follow the real server's
/// conversion funcs so that field selectors accept what a real cluster accepts.
/// </summary>
public static class BuiltinResources
{
    /// <summary>The workloads' <c>scale</c> subresource: an autoscaling/v1 Scale view of spec.replicas (kubectl scale).</summary>
    private static readonly ApiSubresource Scale = new("scale", "autoscaling", "v1", "Scale", ["get", "patch", "update"]);

    public static readonly ResourceType Pods = new("", "v1", "pods", "Pod", Namespaced: true, HasStatus: true)
    {
        ShortNames = ["po"],
        Categories = ["all"],
        ExtraFieldLabels =
        [
            "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
            "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName",
        ],
        // Discovery lists pods/eviction with the storage kind policy/v1 Eviction, as eviction.go declares it.
        Subresources =
        [
            new ApiSubresource("eviction", "policy", "v1", "Eviction", ["create"]),
            new ApiSubresource("binding", "", "v1", "Binding", ["create"]),
        ],
    };

    public static readonly ResourceType Namespaces =
        new("", "v1", "namespaces", "Namespace", Namespaced: false, HasStatus: true)
        {
            ShortNames = ["ns"],
            ExtraFieldLabels = ["status.phase"],
        };

    public static readonly ResourceType Nodes = new("", "v1", "nodes", "Node", Namespaced: false, HasStatus: true)
    {
        ShortNames = ["no"],
        ExtraFieldLabels = ["spec.unschedulable"],
    };

    public static readonly ResourceType Events = new("", "v1", "events", "Event", Namespaced: true, HasStatus: false)
    {
        ShortNames = ["ev"],
        ExtraFieldLabels =
        [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
            "reason", "reportingComponent", "type",
        ],
    };

    public static readonly ResourceType Services =
        new("", "v1", "services", "Service", Namespaced: true, HasStatus: true)
        {
            ShortNames = ["svc"],
            Categories = ["all"],
        };

    /// <summary>Where a Service sends traffic: the traffic switch of a migration reads and waits on these.</summary>
    public static readonly ResourceType Endpoints =
        new("", "v1", "endpoints", "Endpoints", Namespaced: true, HasStatus: false)
        {
            ShortNames = ["ep"],
        };

    /// <summary>The sliced form kube-proxy reads (label <c>kubernetes.io/service-name</c> ties a slice to its Service).</summary>
    public static readonly ResourceType EndpointSlices =
        new("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", Namespaced: true, HasStatus: false);

    // What the project's own manifests install next to its workloads, stored so that `kubectl apply -k manifests` works
    // against the fake server. Nothing here enforces RBAC or mounts ConfigMaps, Secrets or claims.
    public static readonly ResourceType ServiceAccounts =
        new("", "v1", "serviceaccounts", "ServiceAccount", Namespaced: true, HasStatus: false) { ShortNames = ["sa"] };

    public static readonly ResourceType ConfigMaps =
        new("", "v1", "configmaps", "ConfigMap", Namespaced: true, HasStatus: false) { ShortNames = ["cm"] };

    public static readonly ResourceType Secrets =
        new("", "v1", "secrets", "Secret", Namespaced: true, HasStatus: false) { ExtraFieldLabels = ["type"] };

    public static readonly ResourceType PersistentVolumeClaims =
        new("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", Namespaced: true, HasStatus: true) { ShortNames = ["pvc"] };

    public static readonly ResourceType ClusterRoles =
        new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", Namespaced: false, HasStatus: false);

    public static readonly ResourceType ClusterRoleBindings =
        new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", Namespaced: false, HasStatus: false);

    public static readonly ResourceType Roles =
        new("rbac.authorization.k8s.io", "v1", "roles", "Role", Namespaced: true, HasStatus: false);

    public static readonly ResourceType RoleBindings =
        new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", Namespaced: true, HasStatus: false);

    public static readonly ResourceType Leases =
        new("coordination.k8s.io", "v1", "leases", "Lease", Namespaced: true, HasStatus: false);

    /// <summary>
    /// KEP-4563 (<c>lifecycle.k8s.io/v1alpha1</c>, Kubernetes 1.37, feature gate <c>EvictionRequestAPI</c>, off by
    /// default): what a requester writes. Served only with <see cref="FakeApiServerOptions.EvictionRequestApi"/>,
    /// so code can be tested against clusters with and without the API.
    /// </summary>
    public static readonly ResourceType EvictionRequests =
        new("lifecycle.k8s.io", "v1alpha1", "evictionrequests", "EvictionRequest", Namespaced: true, HasStatus: true);

    /// <summary>KEP-4563: one per target pod, made by the eviction-request controller; responders act on it.</summary>
    public static readonly ResourceType LifecycleEvictions =
        new("lifecycle.k8s.io", "v1alpha1", "evictions", "Eviction", Namespaced: true, HasStatus: true);

    /// <summary>The <c>lifecycle.k8s.io/v1alpha1</c> group, served when the EvictionRequestAPI gate is on.</summary>
    public static IReadOnlyList<ResourceType> EvictionRequestApi { get; } = [EvictionRequests, LifecycleEvictions];

    /// <summary>
    /// The project's own CRD, from manifests/crds as built into the simulator: its objects are pruned, defaulted and
    /// validated against the CRD's schema, and <c>spec.sourceNode</c> is a field label (selectableFields).
    /// </summary>
    public static readonly ResourceType PodMigrations = CustomResources.CustomResourceDefinitions.ResourceTypes(
        CustomResources.EmbeddedCustomResourceDefinitions.Load("podmigrations.interceptor.dev.yaml")).Single();

    /// <summary>Read by the pods/eviction subresource before it deletes a pod.</summary>
    public static readonly ResourceType PodDisruptionBudgets =
        new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", Namespaced: true, HasStatus: true)
        {
            ShortNames = ["pdb"],
        };

    /// <summary>The validating webhooks the server calls (so far only for pods/eviction).</summary>
    public static readonly ResourceType ValidatingWebhookConfigurations =
        new("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration",
            Namespaced: false, HasStatus: false);

    /// <summary>Owners of drained pods; kubectl drain reads nothing of a ReplicaSet but its existence matters to controllers.</summary>
    public static readonly ResourceType ReplicaSets =
        new("apps", "v1", "replicasets", "ReplicaSet", Namespaced: true, HasStatus: true)
        {
            ShortNames = ["rs"],
            Categories = ["all"],
            Subresources = [Scale],
        };

    /// <summary>Owns one ReplicaSet per pod template (the simulated deployment controller, Controllers/).</summary>
    public static readonly ResourceType Deployments =
        new("apps", "v1", "deployments", "Deployment", Namespaced: true, HasStatus: true)
        {
            ShortNames = ["deploy"],
            Categories = ["all"],
            Subresources = [Scale],
        };

    /// <summary>Ordinal pods with stable names (the simulated statefulset controller, Controllers/).</summary>
    public static readonly ResourceType StatefulSets =
        new("apps", "v1", "statefulsets", "StatefulSet", Namespaced: true, HasStatus: true)
        {
            ShortNames = ["sts"],
            Categories = ["all"],
            Subresources = [Scale],
        };

    /// <summary>The mutating webhooks the server calls on CREATE of namespaced objects, before the validating ones.</summary>
    public static readonly ResourceType MutatingWebhookConfigurations =
        new("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration",
            Namespaced: false, HasStatus: false);

    /// <summary>CEL admission policies (Admission/Policies): evaluated on the requests their matchConstraints cover.</summary>
    public static readonly ResourceType ValidatingAdmissionPolicies =
        new("admissionregistration.k8s.io", "v1", "validatingadmissionpolicies", "ValidatingAdmissionPolicy",
            Namespaced: false, HasStatus: true);

    /// <summary>What puts a ValidatingAdmissionPolicy in force, with its actions (Deny, Warn, Audit) and params.</summary>
    public static readonly ResourceType ValidatingAdmissionPolicyBindings =
        new("admissionregistration.k8s.io", "v1", "validatingadmissionpolicybindings", "ValidatingAdmissionPolicyBinding",
            Namespaced: false, HasStatus: false);

    /// <summary><c>kubectl drain --ignore-daemonsets</c> GETs a pod's DaemonSet and refuses to go on when it is missing.</summary>
    public static readonly ResourceType DaemonSets =
        new("apps", "v1", "daemonsets", "DaemonSet", Namespaced: true, HasStatus: true)
        {
            ShortNames = ["ds"],
            Categories = ["all"],
        };

    /// <summary>Stored for <c>kubectl create job</c>; no job controller runs them.</summary>
    public static readonly ResourceType Jobs =
        new("batch", "v1", "jobs", "Job", Namespaced: true, HasStatus: true) { Categories = ["all"] };

    /// <summary>Creating one registers the custom resource it defines (see CustomResourceDefinitions).</summary>
    public static readonly ResourceType CustomResourceDefinitions =
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false, HasStatus: true)
        {
            ShortNames = ["crd", "crds"],
        };

    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Pods, Namespaces, Nodes, Events, Services, Endpoints, EndpointSlices, Leases, PodMigrations,
        ServiceAccounts, ConfigMaps, Secrets, PersistentVolumeClaims, ClusterRoles, ClusterRoleBindings, Roles, RoleBindings, PodDisruptionBudgets, ValidatingWebhookConfigurations,
        ReplicaSets, DaemonSets, CustomResourceDefinitions, Deployments, StatefulSets, MutatingWebhookConfigurations,
        ValidatingAdmissionPolicies, ValidatingAdmissionPolicyBindings, Jobs,
    ];
}
