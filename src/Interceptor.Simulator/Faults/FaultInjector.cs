using System.Collections.Immutable;
using Interceptor.Simulator.Recording;

namespace Interceptor.Simulator.Faults;

/// <summary>
/// Test-controlled faults. Each rule looks at a request and returns a <see cref="Fault"/> or null;
/// the first rule (in the order added) that returns one wins.
/// </summary>
public sealed class FaultInjector
{
    private ImmutableList<FaultRule> _rules = [];

    public FaultRule Add(Func<RecordedRequest, Fault?> rule)
    {
        var added = new FaultRule(this, rule);
        ImmutableInterlocked.Update(ref _rules, rules => rules.Add(added));
        return added;
    }

    public bool Remove(FaultRule rule)
    {
        var removed = false;
        ImmutableInterlocked.Update(ref _rules, rules =>
        {
            removed = rules.Contains(rule);
            return rules.Remove(rule);
        });
        return removed;
    }

    public void Clear() => ImmutableInterlocked.Update(ref _rules, _ => []);

    internal Fault? Match(RecordedRequest request)
    {
        foreach (var rule in Volatile.Read(ref _rules))
        {
            if (rule.Match(request) is { } fault)
            {
                return fault;
            }
        }
        return null;
    }
}
