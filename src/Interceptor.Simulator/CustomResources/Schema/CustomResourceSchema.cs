using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;
using Interceptor.Simulator.Validation;

namespace Interceptor.Simulator.CustomResources.Schema;

/// <summary>
/// What a served CRD version's <c>openAPIV3Schema</c> does to its objects, in the custom resource handler's order:
/// the decoder prunes and defaults (customresource_handler.go unstructuredSchemaCoercer, unstructuredDefaulter, also
/// on reads from etcd), then the strategy validates (pkg/registry/customresource strategy.go, status_strategy.go):
/// the OpenAPI schema, then the CEL rules unless an earlier error blocks them.
/// </summary>
/// <remarks>
/// Not done: validation ratcheting (CRDValidationRatcheting, GA in 1.33: an unchanged invalid value passes an
/// update), ObjectMeta coercion, CEL cost limits, messageExpression, and <c>self.metadata</c> beyond name.
/// </remarks>
internal sealed class CustomResourceSchema(StructuralSchema root)
{
    public StructuralSchema Root { get; } = root;

    /// <summary>Pruning then defaulting, in place: what upstream applies to request bodies and to stored objects read back.</summary>
    public void Coerce(JsonObject obj)
    {
        SchemaPruning.Prune(obj, Root);
        SchemaDefaulting.Default(obj, Root);
    }

    /// <summary>Coerces <paramref name="obj"/> and throws 422 Invalid with every field error found.</summary>
    public void Admit(ResourceType resource, JsonObject obj, JsonObject? old, UpdateScope scope)
    {
        Coerce(obj);
        var errors = Validate(obj, old, scope);
        if (errors.Count > 0)
        {
            throw StatusErrors.Invalid(resource, Meta.Name(obj) ?? "", errors);
        }
    }

    /// <summary>A status write validates only <c>status</c> against the schema (statusStrategy.ValidateUpdate); CEL sees the whole object.</summary>
    private List<FieldError> Validate(JsonObject obj, JsonObject? old, UpdateScope scope)
    {
        var errors = new List<FieldError>();
        var self = WithoutMetadata(obj);
        if (scope == UpdateScope.Status)
        {
            if (Root.Properties.TryGetValue("status", out var status) && obj["status"] is { } value)
            {
                SchemaValidator.Validate(value, status, "status", errors);
            }
        }
        else
        {
            SchemaValidator.Validate(self, Root, "", errors);
        }
        if (errors.Any(e => e.Type is FieldErrorType.NotSupported or FieldErrorType.Required or FieldErrorType.TooLong
                or FieldErrorType.TooMany or FieldErrorType.TypeInvalid))
        {
            // hasBlockingErr (strategy.go): the rules were written for the schema's shape, so they are skipped, and said so.
            errors.Add(FieldError.Invalid("<nil>", null,
                "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"));
            return errors;
        }
        SchemaRules.Validate(self, old is null ? null : WithoutMetadata(old), old is not null, Root, "", errors);
        return errors;
    }

    /// <summary>ObjectMeta is validated by its own rules upstream, not by the CRD's schema; CEL sees name and generateName.</summary>
    private static JsonObject WithoutMetadata(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        if (copy["metadata"] is JsonObject meta)
        {
            copy["metadata"] = new JsonObject
            {
                ["name"] = meta["name"]?.DeepClone(),
                ["generateName"] = meta["generateName"]?.DeepClone(),
            };
        }
        return copy;
    }
}
