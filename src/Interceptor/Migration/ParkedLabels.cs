using System.Text.Json;
using Interceptor.Api;
using k8s.Models;

namespace Interceptor.Migration;

/// <summary>
/// Keeps an owned replacement out of its ReplicaSet's selector until it is Ready. The ReplicaSet deletes Pending and
/// not-Ready pods first, whatever their deletion cost: seen on a real kube-controller-manager 1.36, a replacement
/// matching while still Pending was adopted and deleted 26 ms later (DESIGN section 5).
/// </summary>
internal static class ParkedLabels
{
    /// <summary>
    /// Replaces each key's value with <see cref="ReplacementNames.Parked"/> and records the originals in
    /// <see cref="Annotations.ParkedLabels"/>, which the commit patch reads back from the source.
    /// </summary>
    public static void Park(Dictionary<string, string> labels, Dictionary<string, string> annotations, IReadOnlyList<string> keys)
    {
        var originals = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (labels.TryGetValue(key, out var value))
            {
                originals[key] = value;
                labels[key] = ReplacementNames.Parked(value);
            }
        }

        if (originals.Count == 0)
        {
            // IMPORTANT: a replacement that still matches its owner is adopted and deleted while it restores.
            throw new ArgumentException($"The source carries none of the labels to park ({string.Join(", ", keys)}), so the replacement would match its owner at once.", nameof(keys));
        }

        annotations[Annotations.ParkedLabels] = JsonSerializer.Serialize(originals);
    }

    /// <summary>The originals a parked replacement recorded in <see cref="Annotations.ParkedLabels"/>; none when it records nothing readable.</summary>
    public static IReadOnlyDictionary<string, string> Recorded(V1Pod replacement)
    {
        if (replacement.Metadata?.Annotations is not { } annotations || !annotations.TryGetValue(Annotations.ParkedLabels, out var recorded))
        {
            return new Dictionary<string, string>();
        }

        try
        {
            return JsonSerializer.Deserialize<SortedDictionary<string, string>>(recorded) ?? [];
        }
        catch (JsonException)
        {
            return new Dictionary<string, string>();
        }
    }

    /// <summary>The source's values of the parked keys it carries, in key order.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Originals(V1Pod source, IEnumerable<string> keys) =>
        keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(key => (Key: key, Value: source.Metadata?.Label(key)))
            .Where(e => e.Value is not null)
            .Select(e => KeyValuePair.Create(e.Key, e.Value!));
}
