using System.Text.Json.Serialization;

namespace Interceptor.Api;

/// <summary>One entry of <see cref="PodMigrationStatus.PhaseHistory"/>: a phase and when the controller entered it.</summary>
public sealed class PhaseTransition
{
    [JsonPropertyName("phase")]
    public string Phase { get; set; } = "";

    [JsonPropertyName("time")]
    public DateTime Time { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }
}
