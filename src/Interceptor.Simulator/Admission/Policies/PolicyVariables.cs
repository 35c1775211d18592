using System.Text.Json.Nodes;
using Interceptor.Simulator.Cel;

namespace Interceptor.Simulator.Admission.Policies;

/// <summary>
/// The CEL variables of a ValidatingAdmissionPolicy expression (apiserver pkg/admission/plugin/cel
/// activation: object, oldObject, request, params, namespaceObject, variables). <c>authorizer</c> is not offered.
/// </summary>
internal static class PolicyVariables
{
    public static Dictionary<string, object?> For(PolicyRequest request, JsonObject? param, JsonObject? namespaceObject) => new(StringComparer.Ordinal)
    {
        ["object"] = CelValues.From(request.Object),
        ["oldObject"] = CelValues.From(request.OldObject),
        ["request"] = Request(request),
        ["params"] = CelValues.From(param),
        ["namespaceObject"] = CelValues.From(namespaceObject),
        ["variables"] = new Dictionary<string, object?>(),
    };

    /// <summary>admission/v1 AdmissionRequest as CEL reads it (request.userInfo.extra maps a key to a list of strings).</summary>
    private static Dictionary<string, object?> Request(PolicyRequest request)
    {
        var user = request.User ?? throw new InvalidOperationException("the caller is resolved before evaluation");
        var attributes = request.Attributes;
        var resource = new Dictionary<string, object?>
        {
            ["group"] = attributes.Group, ["version"] = attributes.Version, ["resource"] = attributes.Resource,
        };
        var kind = new Dictionary<string, object?>
        {
            ["group"] = request.Kind.Group, ["version"] = request.Kind.Version, ["kind"] = request.Kind.Kind,
        };
        return new Dictionary<string, object?>
        {
            ["kind"] = kind,
            ["resource"] = resource,
            ["subResource"] = attributes.Subresource,
            ["requestKind"] = kind,
            ["requestResource"] = resource,
            ["requestSubResource"] = attributes.Subresource,
            ["name"] = attributes.Name,
            ["namespace"] = attributes.Namespace,
            ["operation"] = attributes.Operation,
            ["dryRun"] = attributes.DryRun,
            ["userInfo"] = new Dictionary<string, object?>
            {
                ["username"] = user.Username,
                ["uid"] = user.Uid,
                ["groups"] = user.Groups.Cast<object?>().ToList(),
                ["extra"] = user.Extra.ToDictionary(e => e.Key, e => (object?)e.Value.Cast<object?>().ToList()),
            },
        };
    }
}
