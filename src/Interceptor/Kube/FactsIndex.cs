namespace Interceptor.Kube;

/// <summary>
/// A second way into a <see cref="ResourceCache{TObject,TFacts}"/>: its objects grouped, per namespace, by a value
/// computed from their facts (a PodMigration's spec.podUID), because the name is not the only way to find them.
/// Written by the watch and by cache-miss reads; read only for opted-in pods. Writes are rare (one per object event)
/// and buckets hold one or two objects, so a lock is cheaper than lock-free nesting and keeps a bucket and its removal
/// consistent: an empty bucket is dropped, so the index never grows with objects that are gone.
/// </summary>
public sealed class FactsIndex<TFacts>(Func<TFacts, string?> valueOf)
    where TFacts : class
{
    private readonly Dictionary<string, Dictionary<string, TFacts>> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>A fresh, empty index with the same value function (a relist builds one and swaps it in).</summary>
    public FactsIndex<TFacts> Empty() => new(valueOf);

    /// <summary>The object <paramref name="key"/> now has <paramref name="facts"/>; <paramref name="previous"/> were its facts before, if any.</summary>
    public void Put(string? @namespace, string key, TFacts? previous, TFacts facts)
    {
        lock (_lock)
        {
            if (previous is not null)
            {
                RemoveLocked(@namespace, key, previous);
            }

            if (valueOf(facts) is { Length: > 0 } value)
            {
                var bucketKey = BucketKey(@namespace, value);
                if (!_buckets.TryGetValue(bucketKey, out var bucket))
                {
                    _buckets[bucketKey] = bucket = new Dictionary<string, TFacts>(1, StringComparer.Ordinal);
                }

                bucket[key] = facts;
            }
        }
    }

    public void Remove(string? @namespace, string key, TFacts previous)
    {
        lock (_lock)
        {
            RemoveLocked(@namespace, key, previous);
        }
    }

    /// <summary>Every object of the namespace whose value is <paramref name="value"/>: a copy, safe to enumerate.</summary>
    public IReadOnlyList<TFacts> Find(string? @namespace, string value)
    {
        lock (_lock)
        {
            return _buckets.TryGetValue(BucketKey(@namespace, value), out var bucket) ? [.. bucket.Values] : [];
        }
    }

    private void RemoveLocked(string? @namespace, string key, TFacts previous)
    {
        if (valueOf(previous) is not { Length: > 0 } value)
        {
            return;
        }

        var bucketKey = BucketKey(@namespace, value);
        if (_buckets.TryGetValue(bucketKey, out var bucket) && bucket.Remove(key) && bucket.Count == 0)
        {
            _buckets.Remove(bucketKey);
        }
    }

    private static string BucketKey(string? @namespace, string value) => (@namespace ?? "") + "/" + value;
}
