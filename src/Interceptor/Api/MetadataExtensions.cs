using k8s.Models;

namespace Interceptor.Api;

/// <summary>Null-safe reads of labels and annotations (the client models them as nullable IDictionary).</summary>
public static class MetadataExtensions
{
    public static string? Label(this V1ObjectMeta meta, string key) => Value(meta.Labels, key);

    public static string? Annotation(this V1ObjectMeta meta, string key) => Value(meta.Annotations, key);

    private static string? Value(IDictionary<string, string>? values, string key) =>
        values is not null && values.TryGetValue(key, out var value) ? value : null;
}
