using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Patching.Apply;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Patching;

/// <summary>
/// Server-side apply (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager, structured-merge-diff): the
/// applied configuration's fields are set on the live object and owned by the applier's Apply entry in
/// <c>metadata.managedFields</c>; a field it sets to another value while another manager owns it is a conflict (409,
/// unless <c>force</c>, which takes the field over); fields it applied before and no longer applies are removed
/// unless someone else owns them. Writes by other patches record Update ownership of the fields they changed
/// (<see cref="RecordUpdate"/>), so applying over them conflicts as upstream.
/// </summary>
internal static class ServerSideApply
{
    /// <summary>fieldmanager's stripMeta: identity and server-set metadata are nobody's fields.</summary>
    private static readonly string[] UnownedMetadata =
        ["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"];

    public static JsonObject Apply(JsonObject current, JsonObject applied, ResourceType resource, ApplyRequest request, DateTimeOffset now)
    {
        var config = Owned(applied, resource, request.Subresource);
        var fields = FieldSets.Leaves(config, resource.IsCustom);
        var entries = ManagedFieldsEntry.Read(current);
        var mine = entries.FirstOrDefault(e => e.Is(request.Manager, "Apply", request.Subresource));
        var others = entries.Where(e => e != mine).ToList();
        var conflicts = Conflicts(current, config, fields, others);
        if (conflicts.Count > 0 && !request.Force)
        {
            throw ConflictError(conflicts);
        }
        var result = current.DeepClone().AsObject();
        foreach (var path in fields)
        {
            FieldSets.Set(result, path, FieldSets.Get(config, path));
        }
        foreach (var dropped in (mine?.Fields ?? []).Except(fields).Where(p => !others.Any(o => o.Fields.Contains(p))))
        {
            FieldSets.Remove(result, dropped);
        }
        foreach (var (entry, path) in conflicts)
        {
            entry.Fields.Remove(path);
        }
        var stamp = CreateDefaults.Rfc3339(now);
        ManagedFieldsEntry.Write(result, [.. others, new ManagedFieldsEntry(request.Manager, "Apply", request.Subresource, resource.ApiVersion, stamp, fields)]);
        return result;
    }

    /// <summary>
    /// An Update operation (any other write) owns the fields whose values it changed, taken from whoever owned them:
    /// updates never conflict (fieldmanager's update path).
    /// </summary>
    public static void RecordUpdate(JsonObject before, JsonObject after, ResourceType resource, string manager, string? subresource, DateTimeOffset now)
    {
        var changed = FieldSets.Leaves(Owned(after, resource, subresource), resource.IsCustom)
            .Where(p => !FieldSets.Has(before, p) || !JsonNode.DeepEquals(FieldSets.Get(before, p), FieldSets.Get(after, p)))
            .ToHashSet();
        if (changed.Count == 0)
        {
            return;
        }
        var entries = ManagedFieldsEntry.Read(before);
        foreach (var entry in entries)
        {
            entry.Fields.ExceptWith(changed);
        }
        var mine = entries.FirstOrDefault(e => e.Is(manager, "Update", subresource));
        entries.Remove(mine!);
        changed.UnionWith(mine?.Fields ?? []);
        ManagedFieldsEntry.Write(after, [.. entries, new ManagedFieldsEntry(manager, "Update", subresource, resource.ApiVersion, CreateDefaults.Rfc3339(now), changed)]);
    }

    /// <summary>
    /// The part of an object a request can own: the status subresource only status; the main resource everything but
    /// status when the resource has a status subresource (its strategy resets status), minus unowned metadata.
    /// </summary>
    private static JsonObject Owned(JsonObject obj, ResourceType resource, string? subresource)
    {
        var owned = obj.DeepClone().AsObject();
        owned.Remove("apiVersion");
        owned.Remove("kind");
        if (subresource == "status")
        {
            return new JsonObject { ["status"] = owned["status"]?.DeepClone() };
        }
        if (resource.HasStatus)
        {
            owned.Remove("status");
        }
        if (owned["metadata"] is JsonObject meta)
        {
            foreach (var key in UnownedMetadata)
            {
                meta.Remove(key);
            }
            if (meta.Count == 0)
            {
                owned.Remove("metadata");
            }
        }
        return owned;
    }

    private static List<(ManagedFieldsEntry Owner, FieldPath Path)> Conflicts(
        JsonObject current, JsonObject config, HashSet<FieldPath> fields, List<ManagedFieldsEntry> others) =>
        [.. from path in fields
            where FieldSets.Has(current, path) && !JsonNode.DeepEquals(FieldSets.Get(current, path), FieldSets.Get(config, path))
            from owner in others
            where owner.Fields.Contains(path)
            select (owner, path)];

    /// <summary>fieldmanager/internal/conflict.go NewConflictError: 409 Conflict, one FieldManagerConflict cause per field.</summary>
    private static ApiStatusException ConflictError(List<(ManagedFieldsEntry Owner, FieldPath Path)> conflicts)
    {
        var causes = conflicts.Select(c => new StatusCause("FieldManagerConflict", $"conflict with {Print(c.Owner)}", c.Path.ToString())).ToList();
        return new ApiStatusException(409, "Conflict", Message(conflicts), new StatusDetails { Causes = causes });
    }

    private static string Message(List<(ManagedFieldsEntry Owner, FieldPath Path)> conflicts)
    {
        if (conflicts.Count == 1)
        {
            return $"Apply failed with 1 conflict: conflict with {Print(conflicts[0].Owner)}: {conflicts[0].Path}";
        }
        var lines = conflicts.GroupBy(c => c.Owner.Manager).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => new[] { $"conflicts with {Print(g.First().Owner)}:" }.Concat(g.Select(c => $"- {c.Path}")));
        return $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
    }

    /// <summary>conflict.go printManager: the name, its subresource, and for an Update its apiVersion and time.</summary>
    private static string Print(ManagedFieldsEntry entry)
    {
        var text = $"\"{entry.Manager}\"" + (entry.Subresource is null ? "" : $" with subresource \"{entry.Subresource}\"");
        return entry.Operation == "Update" ? $"{text} using {entry.ApiVersion} at {entry.Time}" : text;
    }
}
