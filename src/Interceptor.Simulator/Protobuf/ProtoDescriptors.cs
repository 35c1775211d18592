using Google.Protobuf.Reflection;

namespace Interceptor.Simulator.Protobuf;

/// <summary>
/// The messages of our own subset of the Kubernetes protobuf schema under <c>Protobuf/schema</c> (the kinds kubectl's
/// generators send, with their numbers from the Kubernetes API), compiled by protoc at build time into a descriptor set.
/// </summary>
internal sealed class ProtoDescriptors
{
    private const string ResourceName = "kubernetes.protoset";

    /// <summary>Where k8s.io/apimachinery keeps DeleteOptions and the other meta/v1 kinds clients may send.</summary>
    private const string MetaPackage = "k8s.io.apimachinery.pkg.apis.meta.v1";

    private readonly Dictionary<string, DescriptorProto> _messages;

    private ProtoDescriptors(Dictionary<string, DescriptorProto> messages) => _messages = messages;

    public static ProtoDescriptors Kubernetes { get; } = Load();

    /// <summary>A message by its full name, with or without protoc's leading dot.</summary>
    public DescriptorProto Message(string fullName) => _messages[fullName.TrimStart('.')];

    /// <summary>
    /// The message a built-in kind is encoded with: go-to-protobuf names the package after the Go package, so
    /// <c>apps/v1</c> is <c>k8s.io.api.apps.v1</c>, the core group <c>k8s.io.api.core.v1</c> and
    /// <c>rbac.authorization.k8s.io/v1</c> <c>k8s.io.api.rbac.v1</c>. Null for kinds without one (custom resources).
    /// </summary>
    public string? FullNameOf(string apiVersion, string kind)
    {
        var slash = apiVersion.LastIndexOf('/');
        var group = slash < 0 ? "core" : apiVersion[..slash].Split('.')[0];
        var version = apiVersion[(slash + 1)..];
        return new[] { $"k8s.io.api.{group}.{version}.{kind}", $"{MetaPackage}.{kind}" }
            .FirstOrDefault(_messages.ContainsKey);
    }

    private static ProtoDescriptors Load()
    {
        using var stream = typeof(ProtoDescriptors).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        var messages = new Dictionary<string, DescriptorProto>(StringComparer.Ordinal);
        foreach (var file in FileDescriptorSet.Parser.ParseFrom(stream).File)
        {
            foreach (var message in file.MessageType)
            {
                Add(messages, file.Package, message);
            }
        }
        return new ProtoDescriptors(messages);
    }

    private static void Add(Dictionary<string, DescriptorProto> messages, string scope, DescriptorProto message)
    {
        var fullName = $"{scope}.{message.Name}";
        messages[fullName] = message;
        foreach (var nested in message.NestedType)
        {
            Add(messages, fullName, nested);
        }
    }
}
