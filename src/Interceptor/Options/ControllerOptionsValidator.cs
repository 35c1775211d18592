using FluentValidation;

namespace Interceptor.Options;

/// <summary>The controller's settings: bounds that keep a typo from wedging drains or hammering the API server.</summary>
public sealed class ControllerOptionsValidator : AbstractValidator<ControllerOptions>
{
    public ControllerOptionsValidator()
    {
        RuleFor(o => o.LeaseName).NotEmpty().MaximumLength(253);
        RuleFor(o => o.LeaseDuration).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        RuleFor(o => o.RenewDeadline).LessThan(o => o.LeaseDuration)
            .WithMessage("RenewDeadline must be shorter than LeaseDuration, or two leaders could act at once.");
        RuleFor(o => o.RetryPeriod).LessThan(o => o.RenewDeadline).GreaterThan(TimeSpan.Zero);
        RuleFor(o => o.Workers).InclusiveBetween(1, 256);
        RuleFor(o => o.MaxConcurrentPerNode).InclusiveBetween(1, 1000);
        RuleFor(o => o.MaxConcurrentInCluster).InclusiveBetween(1, 10000)
            .GreaterThanOrEqualTo(o => o.MaxConcurrentPerNode).WithMessage("MaxConcurrentInCluster must be at least MaxConcurrentPerNode.");
        RuleFor(o => o.DeadlineBase).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromHours(6));
        RuleFor(o => o.DeadlinePerGiB).InclusiveBetween(TimeSpan.Zero, TimeSpan.FromHours(1));
        RuleFor(o => o.EstimateBase).InclusiveBetween(TimeSpan.Zero, TimeSpan.FromHours(1));
        RuleFor(o => o.EstimatePerGiB).InclusiveBetween(TimeSpan.Zero, TimeSpan.FromHours(1));
        RuleFor(o => o.CallerBudget).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromHours(24));
        RuleFor(o => o.CheckpointTimeout).InclusiveBetween(TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        RuleFor(o => o.RestoreTimeout).InclusiveBetween(TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        RuleFor(o => o.CommitTimeout).InclusiveBetween(TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        RuleFor(o => o.TtlAfterFinished).InclusiveBetween(TimeSpan.Zero, TimeSpan.FromDays(30));
        RuleFor(o => o.ResyncInterval).InclusiveBetween(TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        RuleFor(o => o.PollInterval).InclusiveBetween(TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1));
    }
}
