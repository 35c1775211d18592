namespace Interceptor.Bench.Migration;

/// <summary>
/// One drain of a node holding <see cref="Pods"/> opted-in bare pods. <see cref="MakespanMs"/> runs from the drain's
/// start to the last PodMigration's completionTime (the statuses, so the drain's own polling does not round it);
/// <see cref="DrainMs"/> is what the drain itself took until it saw every pod gone.
/// </summary>
public sealed record DrainRound(
    int Pods, int Round, double MakespanMs, double DrainMs, IReadOnlyList<ControllerSample> Samples, int PeakInFlight,
    IReadOnlyList<double> HandoffsMs, double FirstAdmissionMs, IReadOnlyList<string> Errors, double OthersCpuShare)
{
    public bool IsVoid => Errors.Count > 0 || Samples.Count(s => s.Succeeded) != Pods;
}
