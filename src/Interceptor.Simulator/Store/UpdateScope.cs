namespace Interceptor.Simulator.Store;

/// <summary>Which part of an object a write may change, as the real REST strategies enforce.</summary>
public enum UpdateScope
{
    /// <summary>The main resource: everything except <c>status</c> when the resource has a status subresource.</summary>
    Main,

    /// <summary>The <c>/status</c> subresource: only <c>status</c>.</summary>
    Status,
}
