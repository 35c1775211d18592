namespace Interceptor.Simulator.Admission;

/// <summary>What admission sees of one request: the parts webhook rules match on and the review reports.</summary>
internal sealed record AdmissionAttributes(
    string Group,
    string Version,
    string Resource,
    string Subresource,
    string Operation,
    string Namespace,
    string Name,
    bool DryRun);
