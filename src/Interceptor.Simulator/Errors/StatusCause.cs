namespace Interceptor.Simulator.Errors;

/// <summary>
/// One entry of <c>Status.details.causes</c>, as field validation reports it. <see cref="Reason"/> is the
/// cause type (Go <c>Type</c>, JSON <c>reason</c>); empty members are omitted, as the Go encoder does.
/// </summary>
public sealed record StatusCause(string Reason, string Message, string Field);
