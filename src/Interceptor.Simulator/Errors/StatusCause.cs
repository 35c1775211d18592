namespace Interceptor.Simulator.Errors;

/// <summary>One entry of <c>Status.details.causes</c>, as field validation reports it.</summary>
public sealed record StatusCause(string Reason, string Message, string Field);
