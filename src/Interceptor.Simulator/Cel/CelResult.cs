namespace Interceptor.Simulator.Cel;

/// <summary>What one evaluation gave: a value, or an error message when it failed at run time.</summary>
internal sealed record CelResult(object? Value, string? Error)
{
    public bool IsTrue => Error is null && Value is true;
}
