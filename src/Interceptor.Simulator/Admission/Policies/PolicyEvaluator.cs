using System.Text.Json.Nodes;
using Interceptor.Simulator.Cel;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Admission.Policies;

/// <summary>
/// One policy under one binding, for each of its params (apiserver pkg/admission/plugin/policy/validating
/// validator.go): variables, then matchConditions (all must hold, else the policy does not apply), then each
/// validation. A false validation fails with its message (messageExpression first; with neither,
/// <c>failed expression: {expression}</c>) and its reason (Invalid by default). An evaluation error, or a binding
/// whose params cannot be found, fails too unless failurePolicy is Ignore.
/// </summary>
internal static class PolicyEvaluator
{
    public static IEnumerable<PolicyOutcome> Evaluate(JsonObject policy, JsonObject binding, PolicyRequest request, FakeObjectStore store)
    {
        var spec = policy["spec"] as JsonObject ?? [];
        var failOpen = Meta.String(spec, "failurePolicy") == "Ignore";
        var (parameters, bindingError) = PolicyParams.Resolve(spec, binding["spec"] as JsonObject ?? [], request, store);
        if (bindingError is not null)
        {
            return failOpen ? [] : [new PolicyOutcome("failed to configure binding: " + bindingError, "Invalid")];
        }
        var namespaceObject = request.Attributes.Namespace.Length > 0
            ? store.TryGet(BuiltinResources.Namespaces, null, request.Attributes.Namespace)
            : null;
        return parameters.SelectMany(param => EvaluateOne(spec, PolicyVariables.For(request, param, namespaceObject)))
            .Where(outcome => !(failOpen && outcome.IsEvaluationError))
            .Select(outcome => outcome.Outcome)
            .ToList();
    }

    private static IEnumerable<(PolicyOutcome Outcome, bool IsEvaluationError)> EvaluateOne(JsonObject spec, Dictionary<string, object?> variables)
    {
        if (Bind(spec, variables) is { } variableError)
        {
            return [(variableError, true)];
        }
        foreach (var condition in Entries(spec, "matchConditions"))
        {
            var result = CelExpression.Cached(Meta.String(condition, "expression") ?? "true").Evaluate(variables);
            if (result.Error is { } error)
            {
                return [(Failed(condition, error), true)];
            }
            if (!result.IsTrue)
            {
                return [];
            }
        }
        return [.. Entries(spec, "validations").Select(v => Validate(v, variables)).OfType<(PolicyOutcome, bool)>()];
    }

    /// <summary>spec.variables in order, each able to read the ones before it as <c>variables.name</c>.</summary>
    private static PolicyOutcome? Bind(JsonObject spec, Dictionary<string, object?> variables)
    {
        var bound = (Dictionary<string, object?>)variables["variables"]!;
        foreach (var variable in Entries(spec, "variables"))
        {
            var result = CelExpression.Cached(Meta.String(variable, "expression") ?? "null").Evaluate(variables);
            if (result.Error is { } error)
            {
                return Failed(variable, error);
            }
            bound[Meta.String(variable, "name") ?? ""] = result.Value;
        }
        return null;
    }

    private static (PolicyOutcome, bool)? Validate(JsonObject validation, Dictionary<string, object?> variables)
    {
        var expression = Meta.String(validation, "expression") ?? "true";
        var result = CelExpression.Cached(expression).Evaluate(variables);
        if (result.Error is { } error)
        {
            return (Failed(validation, error), true);
        }
        if (result.IsTrue)
        {
            return null;
        }
        var message = MessageOf(validation, variables) ?? $"failed expression: {expression.Trim()}";
        return (new PolicyOutcome(message, Meta.String(validation, "reason") ?? "Invalid"), false);
    }

    private static string? MessageOf(JsonObject validation, Dictionary<string, object?> variables)
    {
        if (Meta.String(validation, "messageExpression") is { } messageExpression
            && CelExpression.Cached(messageExpression).Evaluate(variables).Value is string { Length: > 0 } computed)
        {
            return computed;
        }
        return Meta.String(validation, "message") is { Length: > 0 } message ? message : null;
    }

    private static PolicyOutcome Failed(JsonObject entry, string error) =>
        new($"expression '{Meta.String(entry, "expression")?.Trim()}' resulted in error: {error}", "Invalid");

    private static IEnumerable<JsonObject> Entries(JsonObject spec, string name) => (spec[name] as JsonArray ?? []).OfType<JsonObject>();
}
