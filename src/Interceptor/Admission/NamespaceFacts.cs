using Interceptor.Api;
using k8s.Models;

namespace Interceptor.Admission;

/// <summary>The one fact about a namespace the decision needs: its opt-in label.</summary>
public sealed record NamespaceFacts(string Name, string? MigrateLabel)
{
    public static NamespaceFacts From(V1Namespace ns) =>
        new(ns.Metadata.Name ?? "", ns.Metadata.Label(Labels.Migrate));
}
