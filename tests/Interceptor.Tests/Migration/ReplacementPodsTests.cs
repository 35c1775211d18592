using System.Text.Json;
using System.Text.RegularExpressions;
using Interceptor.Api;
using Interceptor.Migration;
using k8s;
using k8s.Models;
using Xunit;
using static Interceptor.Tests.Builders.TestPods;

namespace Interceptor.Tests.Migration;

public partial class ReplacementPodsTests
{
    private const string Hash = "7d9f8c6b5";
    private const string SourceUid = "0b6c3c52-8d7e-4a5b-9f1e-2f5c7a9d1e33";

    private static readonly Dictionary<string, string> Images = new()
    {
        ["app"] = "registry.example/checkpoints@sha256:" + new string('a', 64),
        ["proxy"] = "registry.example/checkpoints@sha256:" + new string('b', 64),
    };

    [Fact]
    public void The_replacement_is_bound_to_the_target_and_restores_every_running_container_from_its_checkpoint()
    {
        var replacement = Build(Source(), parked: false);

        Assert.Equal("target-node", replacement.Spec.NodeName);
        Assert.Equal(Images["app"], replacement.Spec.Containers.Single().Image);
        Assert.Equal(Images["proxy"], replacement.Spec.InitContainers.Single(c => c.Name == "proxy").Image);
        Assert.Equal("registry.example/migrate:1", replacement.Spec.InitContainers.Single(c => c.Name == "migrate").Image);
    }

    [Fact]
    public void The_spec_is_kept_except_what_a_restore_must_change()
    {
        var source = Source();
        var replacement = Build(source, parked: false);

        var expected = KubernetesJson.Deserialize<V1PodSpec>(KubernetesJson.Serialize(source.Spec));
        expected.NodeName = "target-node";
        expected.Containers[0].Image = Images["app"];
        expected.InitContainers[1].Image = Images["proxy"];
        expected.SchedulingGates = null;
        expected.EphemeralContainers = null;
        expected.Priority = null;
        expected.PreemptionPolicy = null;
        Assert.Equal(KubernetesJson.Serialize(expected), KubernetesJson.Serialize(replacement.Spec));
    }

    [Fact]
    public void Volumes_mounts_gates_tolerations_and_placement_constraints_survive()
    {
        var source = Source();
        var replacement = Build(source, parked: false);

        Assert.Equal(Json(source.Spec.Volumes), Json(replacement.Spec.Volumes));
        Assert.Equal(Json(source.Spec.Containers[0].VolumeMounts), Json(replacement.Spec.Containers[0].VolumeMounts));
        Assert.Equal("interceptor.dev/serving", replacement.Spec.ReadinessGates.Single().ConditionType);
        Assert.Equal(Json(source.Spec.Tolerations), Json(replacement.Spec.Tolerations));
        Assert.Equal("web", replacement.Spec.ServiceAccountName);
        Assert.Equal("a", replacement.Spec.NodeSelector["zone"]);
        Assert.Equal(Json(source.Spec.Affinity), Json(replacement.Spec.Affinity));
        Assert.Equal("high", replacement.Spec.PriorityClassName);
    }

    [Fact]
    public void Status_ephemeral_containers_scheduling_gates_and_resolved_priority_are_gone()
    {
        var replacement = Build(Source(), parked: false);

        Assert.Null(replacement.Status);
        Assert.Null(replacement.Spec.EphemeralContainers);
        Assert.Null(replacement.Spec.SchedulingGates);
        Assert.Null(replacement.Spec.Priority);
        Assert.Null(replacement.Spec.PreemptionPolicy);
    }

    [Fact]
    public void Metadata_keeps_only_name_namespace_labels_and_annotations()
    {
        var meta = Build(Source(), parked: false).Metadata;

        Assert.Equal(ReplacementPods.NameFor(Source(), 2), meta.Name);
        Assert.Equal(Namespace, meta.NamespaceProperty);
        Assert.Null(meta.Uid);
        Assert.Null(meta.ResourceVersion);
        Assert.Null(meta.CreationTimestamp);
        Assert.Null(meta.DeletionTimestamp);
        Assert.Null(meta.GenerateName);
        Assert.Null(meta.OwnerReferences);
        Assert.Null(meta.Finalizers);
        Assert.Null(meta.ManagedFields);
    }

    [Fact]
    public void Annotations_record_the_migration_and_the_source_and_drop_the_deletion_cost()
    {
        var annotations = Build(Source(), parked: false).Metadata.Annotations;

        Assert.Equal("web-migration", annotations[Annotations.Migration]);
        Assert.Equal(SourceUid, annotations[Annotations.RestoredFrom]);
        Assert.False(annotations.ContainsKey(Annotations.PodDeletionCost));
        Assert.Equal("kept", annotations["team.example/note"]);
    }

    [Fact]
    public void A_bare_pod_replacement_keeps_its_labels_as_they_are()
    {
        var replacement = Build(Source(), parked: false);

        Assert.Equal(Source().Metadata.Labels, replacement.Metadata.Labels);
        Assert.False(replacement.Metadata.Annotations.ContainsKey(Annotations.ParkedLabels));
    }

    [Fact]
    public void A_source_that_was_itself_restored_passes_on_none_of_its_own_migration_records()
    {
        var source = Source(
            WithAnnotation(Annotations.Migration, "earlier-migration"),
            WithAnnotation(Annotations.RestoredFrom, "earlier-uid"),
            WithAnnotation(Annotations.ParkedLabels, "{}"));

        var annotations = Build(source, parked: false).Metadata.Annotations;

        Assert.Equal("web-migration", annotations[Annotations.Migration]);
        Assert.Equal(SourceUid, annotations[Annotations.RestoredFrom]);
        Assert.False(annotations.ContainsKey(Annotations.ParkedLabels));
    }

    [Fact]
    public void Building_does_not_change_the_source()
    {
        var source = Source();
        var before = KubernetesJson.Serialize(source);

        Build(source, parked: true);

        Assert.Equal(before, KubernetesJson.Serialize(source));
    }

    [Fact]
    public void A_parked_replacement_matches_no_replicaset_and_remembers_the_original_hash()
    {
        var replacement = Build(Source(), parked: true);

        var parked = replacement.Metadata.Labels[Labels.PodTemplateHash];
        Assert.NotEqual(Hash, parked);
        Assert.Contains("-", parked, StringComparison.Ordinal);
        Assert.Matches(LabelValue(), parked);
        Assert.Equal("web", replacement.Metadata.Labels["app"]);
        Assert.Null(replacement.Metadata.OwnerReferences);
        var originals = JsonSerializer.Deserialize<Dictionary<string, string>>(replacement.Metadata.Annotations[Annotations.ParkedLabels]);
        Assert.Equal(new Dictionary<string, string> { [Labels.PodTemplateHash] = Hash }, originals);
    }

    [Fact]
    public void The_commit_patch_gives_the_parked_replacement_the_source_labels_back_and_drops_the_record()
    {
        var source = Source();
        var parked = Build(source, parked: true);

        var committed = JsonMergePatch.Apply(parked, ReplacementPods.CommitPatch(source));

        Assert.Equal(source.Metadata.Labels, committed.Metadata.Labels);
        Assert.False(committed.Metadata.Annotations.ContainsKey(Annotations.ParkedLabels));
        Assert.Equal("web-migration", committed.Metadata.Annotations[Annotations.Migration]);
        Assert.Equal(KubernetesJson.Serialize(parked.Spec), KubernetesJson.Serialize(committed.Spec));
    }

    [Fact]
    public void A_replacement_parked_on_other_keys_round_trips_through_the_commit_patch_for_those_keys()
    {
        var source = Source(WithLabel("tier", "front"));
        var request = Request(source, parked: true) with { ParkedLabelKeys = ["app", "tier"] };

        var parked = ReplacementPods.Build(request);
        var committed = JsonMergePatch.Apply(parked, ReplacementPods.CommitPatch(source, request.ParkedLabelKeys));

        Assert.Equal("web-restoring", parked.Metadata.Labels["app"]);
        Assert.Equal("front-restoring", parked.Metadata.Labels["tier"]);
        Assert.Equal(Hash, parked.Metadata.Labels[Labels.PodTemplateHash]);
        Assert.Equal(source.Metadata.Labels, committed.Metadata.Labels);
    }

    [Fact]
    public void A_parked_replacement_whose_source_is_gone_commits_from_the_originals_it_recorded()
    {
        var source = Source(WithLabel("tier", "front"));
        var request = Request(source, parked: true) with { ParkedLabelKeys = ["app", "tier"] };
        var parked = ReplacementPods.Build(request);

        var committed = JsonMergePatch.Apply(parked, ReplacementPods.CommitPatchFromRecord(parked));

        Assert.Equal(source.Metadata.Labels, committed.Metadata.Labels);
        Assert.False(committed.Metadata.Annotations.ContainsKey(Annotations.ParkedLabels));
    }

    [Fact]
    public void The_commit_patch_is_exact()
    {
        Assert.Equal(
            """{"metadata":{"labels":{"pod-template-hash":"7d9f8c6b5"},"annotations":{"interceptor.dev/parked-labels":null}}}""",
            ReplacementPods.CommitPatch(Source()));
    }

    public static TheoryData<string, string, string> ParkedValues => new()
    {
        { "a template hash gets a suffix no hash can have", Hash, Hash + "-restoring" },
        { "an empty value becomes a plain marker", "", "restoring" },
        { "a 63-character value is cut to stay a valid label value", new string('a', 63), new string('a', 53) + "-restoring" },
        { "a cut that ends on punctuation drops it", new string('a', 52) + ".b", new string('a', 52) + "-restoring" },
    };

    [Theory]
    [MemberData(nameof(ParkedValues))]
    public void Parks_label_values(string sentence, string original, string expected)
    {
        var parked = Build(Source(WithLabel(Labels.PodTemplateHash, original)), parked: true).Metadata.Labels[Labels.PodTemplateHash];

        Assert.True(expected == parked, $"{sentence}: got {parked}");
        Assert.True(parked.Length <= 63 && LabelValue().IsMatch(parked), $"{sentence}: '{parked}' is not a label value");
    }

    [Fact]
    public void The_source_deletion_cost_patch_sets_the_lowest_int32()
    {
        Assert.Equal(
            """{"metadata":{"annotations":{"controller.kubernetes.io/pod-deletion-cost":"-2147483648"}}}""",
            ReplacementPods.SourceDeletionCostPatch());
    }

    public static TheoryData<string, Action<V1Pod>[], Dictionary<string, string>, bool> Refusals => new()
    {
        { "a running container without a checkpoint image", [], new() { ["app"] = Images["app"] }, false },
        { "a checkpoint image of a container the pod does not run", [], new(Images) { ["ghost"] = "x@sha256:" + new string('c', 64) }, false },
        { "a checkpoint image for a plain init container that finished before the checkpoint", [], new(Images) { ["migrate"] = "x@sha256:" + new string('c', 64) }, false },
        { "an empty checkpoint image", [], new(Images) { ["app"] = "" }, false },
        { "parking a pod without the template hash label", [p => p.Metadata.Labels.Remove(Labels.PodTemplateHash)], Images, true },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Refuses(string sentence, Action<V1Pod>[] modifiers, Dictionary<string, string> images, bool parked)
    {
        var request = Request(Source(modifiers), parked) with { CheckpointImages = images };

        var error = Record.Exception(() => ReplacementPods.Build(request));

        Assert.True(error is ArgumentException, $"{sentence}: got {error?.GetType().Name ?? "no exception"}");
    }

    public static TheoryData<string, string, int> Names => new()
    {
        { "a short name", "web", 1 },
        { "a name of 63 characters", new string('w', 63), 1 },
        { "a 253-character subdomain with dots", string.Join('.', Enumerable.Repeat(new string('s', 62), 4)) + "x", 3 },
        { "a name whose cut ends on a dash", new string('a', 47) + "-bcdef", 7 },
        { "the largest attempt", new string('w', 63), int.MaxValue },
        { "attempt zero", "web", 0 },
        { "an empty name", "", 2 },
        { "upper case and underscores", "Web_Server", 1 },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Names_are_valid_dns_labels(string sentence, string sourceName, int attempt)
    {
        var name = ReplacementPods.NameFor(Pod(sourceName, WithUid(SourceUid)), attempt);

        Assert.True(name.Length <= 63, $"{sentence}: '{name}' is {name.Length} characters");
        Assert.True(DnsLabel().IsMatch(name), $"{sentence}: '{name}' is not a DNS label");
        Assert.Matches($"(^|-)m{attempt}-[a-v0-9]{{5}}$", name);
        Assert.StartsWith(name[..^$"m{attempt}-xxxxx".Length].TrimEnd('-'), sourceName.ToLowerInvariant().Replace('.', '-').Replace('_', '-'), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_deterministic_and_differ_by_attempt_and_source_uid()
    {
        var source = Pod("web", WithUid(SourceUid));

        Assert.Equal(ReplacementPods.NameFor(source, 1), ReplacementPods.NameFor(Pod("web", WithUid(SourceUid)), 1));
        Assert.NotEqual(ReplacementPods.NameFor(source, 1), ReplacementPods.NameFor(source, 2));
        Assert.NotEqual(ReplacementPods.NameFor(source, 1), ReplacementPods.NameFor(Pod("web", WithUid("another-uid")), 1));
        Assert.StartsWith("web-m1-", ReplacementPods.NameFor(source, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_name_is_kept_whole()
    {
        Assert.Matches("^web-server-m12-[a-v0-9]{5}$", ReplacementPods.NameFor(Pod("web-server", WithUid(SourceUid)), 12));
    }

    [Fact]
    public void A_source_without_uid_has_no_replacement_name()
    {
        Assert.Throws<ArgumentException>(() => ReplacementPods.NameFor(Pod("web", WithUid("")), 1));
    }

    [Fact]
    public void A_replacement_is_recognised_by_its_migration()
    {
        var replacement = Build(Source(), parked: true);

        Assert.True(ReplacementPods.IsReplacementOf(replacement, "web-migration"));
        Assert.False(ReplacementPods.IsReplacementOf(replacement, "other-migration"));
        Assert.False(ReplacementPods.IsReplacementOf(replacement, ""));
        Assert.False(ReplacementPods.IsReplacementOf(Source(), "web-migration"));
    }

    private static V1Pod Build(V1Pod source, bool parked) => ReplacementPods.Build(Request(source, parked));

    private static ReplacementRequest Request(V1Pod source, bool parked) => new(source, "target-node", Images, "web-migration", 2, parked);

    private static string Json(object? value) => KubernetesJson.Serialize(value);

    /// <summary>A ReplicaSet pod as the API server returns it: identity, owner, status and every field a restore must keep.</summary>
    private static V1Pod Source(params Action<V1Pod>[] modifiers)
    {
        var pod = Pod("web-7d9f8c6b5-x2x4q", [
            WithUid(SourceUid), OwnedBy("ReplicaSet", "web-7d9f8c6b5"), WithLabel("app", "web"), WithLabel(Labels.PodTemplateHash, Hash),
            WithAnnotation(Annotations.PodDeletionCost, "100"), WithAnnotation("team.example/note", "kept"),
            WithInitContainer("migrate", null, null), WithInitContainer("proxy", "100m", null, sidecar: true),
            WithNodeSelector("zone", "a"), WithRequiredAffinity(Term(Expr("disk", "In", "ssd"))), Tolerating("dedicated", "Equal", "web", "NoSchedule"),
        ]);
        var meta = pod.Metadata;
        meta.ResourceVersion = "4242";
        meta.GenerateName = "web-7d9f8c6b5-";
        meta.CreationTimestamp = new DateTime(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
        meta.DeletionTimestamp = new DateTime(2026, 11, 22, 12, 5, 0, DateTimeKind.Utc);
        meta.Finalizers = ["example.com/keep"];
        meta.ManagedFields = [new V1ManagedFieldsEntry { Manager = "kube-controller-manager", Operation = "Update" }];
        var spec = pod.Spec;
        spec.ServiceAccountName = "web";
        spec.PriorityClassName = "high";
        spec.Priority = 1000;
        spec.PreemptionPolicy = "PreemptLowerPriority";
        spec.ReadinessGates = [new V1PodReadinessGate { ConditionType = "interceptor.dev/serving" }];
        spec.SchedulingGates = [new V1PodSchedulingGate { Name = "example.com/wait" }];
        spec.EphemeralContainers = [new V1EphemeralContainer { Name = "debug", Image = "busybox" }];
        spec.Volumes = [
            new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "web-data" } },
            new V1Volume { Name = "kube-api-access-abcde", Projected = new V1ProjectedVolumeSource { Sources = [new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "token", ExpirationSeconds = 3607 } }] } },
        ];
        spec.Containers[0].VolumeMounts = [
            new V1VolumeMount { Name = "data", MountPath = "/var/lib/web" },
            new V1VolumeMount { Name = "kube-api-access-abcde", MountPath = "/var/run/secrets/kubernetes.io/serviceaccount", ReadOnlyProperty = true },
        ];
        pod.Status = new V1PodStatus { Phase = "Running", PodIP = "10.0.0.7" };
        foreach (var modify in modifiers)
        {
            modify(pod);
        }

        return pod;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
}
