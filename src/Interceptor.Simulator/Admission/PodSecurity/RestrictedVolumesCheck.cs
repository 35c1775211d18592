namespace Interceptor.Simulator.Admission.PodSecurity;

/// <summary>
/// policy/check_restrictedVolumes.go (restricted, overrides hostPathVolumes): inline volumes only of the types that
/// cannot reach the node or a storage backend directly: configMap, csi, downwardAPI, emptyDir, ephemeral,
/// persistentVolumeClaim, projected, secret.
/// </summary>
internal static class RestrictedVolumesCheck
{
    public static readonly PodSecurityCheck Check = new("restrictedVolumes", PodSecurityLevel.Restricted, Evaluate)
    {
        Overrides = [HostPathVolumesCheck.Id],
    };

    private static readonly HashSet<string> Allowed =
        ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

    /// <summary>The source fields upstream names; any other source is reported as "unknown".</summary>
    private static readonly HashSet<string> Named =
    [
        "hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs", "rbd",
        "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte", "azureDisk",
        "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos",
    ];

    private static CheckResult? Evaluate(PodUnderReview pod)
    {
        var volumes = new List<string>();
        var types = new List<string>();
        foreach (var volume in pod.Volumes)
        {
            var sources = volume.Select(p => p.Key).Where(k => k != "name").ToList();
            // The API server defaults a volume without a source to emptyDir (SetDefaults_Volume).
            if (sources.Count == 0 || sources.Any(Allowed.Contains))
            {
                continue;
            }
            volumes.Add(PodUnderReview.Name(volume));
            types.Add(sources.FirstOrDefault(Named.Contains) ?? "unknown");
        }
        if (volumes.Count == 0)
        {
            return null;
        }
        var distinct = Wording.SortedSet(types);
        return new CheckResult("restricted volume types",
            $"{Wording.Pluralize("volume", "volumes", volumes.Count)} {Wording.JoinQuote(volumes)} {Wording.Pluralize("uses", "use", volumes.Count)} "
            + $"{Wording.Pluralize("restricted volume type", "restricted volume types", distinct.Count)} {Wording.JoinQuote(distinct)}");
    }
}
