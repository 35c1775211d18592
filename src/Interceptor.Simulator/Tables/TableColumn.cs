namespace Interceptor.Simulator.Tables;

/// <summary>
/// A <c>meta.k8s.io/v1 TableColumnDefinition</c>. Priority 1 columns are sent always and shown by kubectl only
/// with <c>-o wide</c>, exactly as the real server (which renders tables with Wide: true) does.
/// </summary>
internal sealed record TableColumn(string Name, string Type, string Description, int Priority = 0, string Format = "")
{
    public static TableColumn NameColumn { get; } = new(
        "Name", "string",
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
        Format: "name");

    public static TableColumn AgeColumn { get; } = new(
        "Age", "string",
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata");
}
