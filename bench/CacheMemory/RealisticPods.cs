using k8s.Models;

namespace Interceptor.Bench.CacheMemory;

/// <summary>
/// Pods as a Deployment's ReplicaSet and the kubelet leave them in a real cluster: labels and annotations, an owner,
/// an init container and two containers with probes, env, mounts and resources, a projected token volume, a Running
/// status with conditions and container statuses, and the managedFields a real LIST returns (about 7 KiB of JSON a pod).
/// </summary>
public static class RealisticPods
{
    public const int Namespaces = 100;
    public const int Nodes = 200;

    public static string NamespaceOf(int index) => $"team-{index % Namespaces:D3}";

    public static V1Pod Pod(int index)
    {
        var app = $"svc-{index % 500:D3}";
        var hash = $"{(uint)app.GetHashCode(StringComparison.Ordinal):x8}"[..8];
        var started = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(index);
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = $"{app}-{hash}-{index:x5}",
                NamespaceProperty = NamespaceOf(index),
                Labels = new Dictionary<string, string>
                {
                    ["app.kubernetes.io/name"] = app,
                    ["app.kubernetes.io/part-of"] = "shop",
                    ["app.kubernetes.io/version"] = "1.24.3",
                    ["pod-template-hash"] = hash,
                },
                Annotations = new Dictionary<string, string>
                {
                    ["kubectl.kubernetes.io/restartedAt"] = "2026-01-01T00:00:00Z",
                    ["prometheus.io/scrape"] = "true",
                    ["prometheus.io/port"] = "9090",
                },
                OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = $"{app}-{hash}", Uid = Guid.NewGuid().ToString(), BlockOwnerDeletion = true, Controller = true }],
                ManagedFields =
                [
                    Managed("kube-controller-manager", "Update", null, ManagedSpec),
                    Managed("kubelet", "Update", "status", ManagedStatus),
                ],
            },
            Spec = new V1PodSpec
            {
                NodeName = $"node-{index % Nodes:D3}",
                ServiceAccountName = app,
                InitContainers = [Container("init-config", "registry.example/shop/config-init:1.4.0", probes: false)],
                Containers =
                [
                    Container("app", $"registry.example/shop/{app}:1.24.3", probes: true),
                    Container("proxy", "registry.example/mesh/proxy:1.21.2", probes: true),
                ],
                Volumes =
                [
                    new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = app + "-config" } },
                    new V1Volume
                    {
                        Name = "kube-api-access",
                        Projected = new V1ProjectedVolumeSource
                        {
                            Sources =
                            [
                                new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "token", ExpirationSeconds = 3607 } },
                                new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "kube-root-ca.crt", Items = [new V1KeyToPath { Key = "ca.crt", Path = "ca.crt" }] } },
                            ],
                        },
                    },
                ],
                Tolerations =
                [
                    new V1Toleration { Key = "node.kubernetes.io/not-ready", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 300 },
                    new V1Toleration { Key = "node.kubernetes.io/unreachable", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 300 },
                ],
            },
            Status = new V1PodStatus
            {
                Phase = "Running",
                QosClass = "Burstable",
                HostIP = $"10.0.{index % Nodes / 250}.{index % Nodes % 250 + 1}",
                PodIP = $"10.{128 + index / 65536 % 64}.{index / 256 % 256}.{index % 256}",
                StartTime = started,
                Conditions =
                [
                    Condition("PodReadyToStartContainers", started), Condition("Initialized", started),
                    Condition("Ready", started.AddSeconds(8)), Condition("ContainersReady", started.AddSeconds(8)), Condition("PodScheduled", started),
                ],
                InitContainerStatuses = [Status("init-config", "registry.example/shop/config-init:1.4.0", started, running: false)],
                ContainerStatuses =
                [
                    Status("app", $"registry.example/shop/{app}:1.24.3", started.AddSeconds(3), running: true),
                    Status("proxy", "registry.example/mesh/proxy:1.21.2", started.AddSeconds(2), running: true),
                ],
            },
        };
    }

    private static V1Container Container(string name, string image, bool probes) => new()
    {
        Name = name,
        Image = image,
        ImagePullPolicy = "IfNotPresent",
        Ports = probes ? [new V1ContainerPort { Name = "http", ContainerPort = 8080, Protocol = "TCP" }, new V1ContainerPort { Name = "metrics", ContainerPort = 9090, Protocol = "TCP" }] : null,
        Env =
        [
            new V1EnvVar { Name = "LOG_LEVEL", Value = "info" },
            new V1EnvVar { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name", ApiVersion = "v1" } } },
            new V1EnvVar { Name = "POD_NAMESPACE", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace", ApiVersion = "v1" } } },
            new V1EnvVar { Name = "GOMAXPROCS", ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { Resource = "limits.cpu", Divisor = new ResourceQuantity("1") } } },
        ],
        Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("128Mi") },
            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("512Mi") },
        },
        VolumeMounts =
        [
            new V1VolumeMount { Name = "config", MountPath = "/etc/app", ReadOnlyProperty = true },
            new V1VolumeMount { Name = "kube-api-access", MountPath = "/var/run/secrets/kubernetes.io/serviceaccount", ReadOnlyProperty = true },
        ],
        ReadinessProbe = probes ? new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/ready", Port = "http", Scheme = "HTTP" }, PeriodSeconds = 10, TimeoutSeconds = 1, SuccessThreshold = 1, FailureThreshold = 3 } : null,
        LivenessProbe = probes ? new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = "http", Scheme = "HTTP" }, PeriodSeconds = 10, TimeoutSeconds = 1, SuccessThreshold = 1, FailureThreshold = 3 } : null,
        TerminationMessagePath = "/dev/termination-log",
        TerminationMessagePolicy = "File",
        SecurityContext = new V1SecurityContext { AllowPrivilegeEscalation = false, RunAsNonRoot = true, Capabilities = new V1Capabilities { Drop = ["ALL"] } },
    };

    private static V1PodCondition Condition(string type, DateTime at) => new() { Type = type, Status = "True", LastTransitionTime = at };

    private static V1ContainerStatus Status(string name, string image, DateTime at, bool running) => new()
    {
        Name = name,
        Image = image,
        ImageID = $"{image.Split(':')[0]}@sha256:{new string('a', 64)}",
        ContainerID = "containerd://" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
        Ready = running,
        Started = running,
        RestartCount = 0,
        State = running
            ? new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = at } }
            : new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Reason = "Completed", StartedAt = at, FinishedAt = at.AddSeconds(1) } },
    };

    private static V1ManagedFieldsEntry Managed(string manager, string operation, string? subresource, string fields) => new()
    {
        Manager = manager,
        Operation = operation,
        Subresource = subresource,
        ApiVersion = "v1",
        FieldsType = "FieldsV1",
        Time = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        FieldsV1 = System.Text.Json.JsonDocument.Parse(fields).RootElement.Clone(),
    };

    // Abridged from a real Deployment pod: the shape and roughly the size of what the API server returns.
    private const string ManagedSpec = """
        {"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/restartedAt":{},"f:prometheus.io/port":{},"f:prometheus.io/scrape":{}},"f:generateName":{},"f:labels":{".":{},"f:app.kubernetes.io/name":{},"f:app.kubernetes.io/part-of":{},"f:app.kubernetes.io/version":{},"f:pod-template-hash":{}},"f:ownerReferences":{".":{},"k:{\"uid\":\"x\"}":{}}},
         "f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:env":{".":{},"k:{\"name\":\"LOG_LEVEL\"}":{".":{},"f:name":{},"f:value":{}},"k:{\"name\":\"POD_NAME\"}":{".":{},"f:name":{},"f:valueFrom":{".":{},"f:fieldRef":{}}}},"f:image":{},"f:imagePullPolicy":{},"f:livenessProbe":{".":{},"f:failureThreshold":{},"f:httpGet":{".":{},"f:path":{},"f:port":{},"f:scheme":{}},"f:periodSeconds":{}},"f:name":{},"f:ports":{".":{},"k:{\"containerPort\":8080,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:name":{},"f:protocol":{}}},"f:readinessProbe":{".":{},"f:httpGet":{".":{},"f:path":{},"f:port":{}}},"f:resources":{".":{},"f:limits":{".":{},"f:memory":{}},"f:requests":{".":{},"f:cpu":{},"f:memory":{}}},"f:volumeMounts":{".":{},"k:{\"mountPath\":\"/etc/app\"}":{".":{},"f:mountPath":{},"f:name":{},"f:readOnly":{}}}},
         "k:{\"name\":\"proxy\"}":{".":{},"f:image":{},"f:name":{},"f:resources":{".":{},"f:requests":{".":{},"f:cpu":{},"f:memory":{}}}}},"f:dnsPolicy":{},"f:enableServiceLinks":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:serviceAccountName":{},"f:terminationGracePeriodSeconds":{},"f:volumes":{".":{},"k:{\"name\":\"config\"}":{".":{},"f:configMap":{".":{},"f:defaultMode":{},"f:name":{}},"f:name":{}}}}}
        """;

    private const string ManagedStatus = """
        {"f:status":{"f:conditions":{"k:{\"type\":\"ContainersReady\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}},"k:{\"type\":\"Initialized\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}},"k:{\"type\":\"PodReadyToStartContainers\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}},"k:{\"type\":\"Ready\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},"f:status":{},"f:type":{}}},"f:containerStatuses":{},"f:hostIP":{},"f:hostIPs":{},"f:initContainerStatuses":{},"f:phase":{},"f:podIP":{},"f:podIPs":{".":{},"k:{\"ip\":\"10.128.0.1\"}":{".":{},"f:ip":{}}},"f:startTime":{}}}
        """;
}
