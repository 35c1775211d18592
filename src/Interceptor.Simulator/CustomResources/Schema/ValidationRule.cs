using Interceptor.Simulator.Cel;

namespace Interceptor.Simulator.CustomResources.Schema;

/// <summary>One <c>x-kubernetes-validations</c> entry (apiextensions/v1 ValidationRule), compiled when the CRD is read.</summary>
internal sealed record ValidationRule(CelExpression Rule, string Message, string? FieldPath)
{
    /// <summary>ruleMessageOrDefault (pkg/apiserver/schema/cel/validation.go): the message, else "failed rule: {rule}".</summary>
    public string MessageOrDefault => Message.Length > 0 ? Message : $"failed rule: {Rule.Text.Trim()}";
}
