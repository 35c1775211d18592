using System.Text.Json.Serialization;

namespace Interceptor.Admission;

/// <summary>
/// Source-generated (de)serialization for the webhook's hot path: no reflection per request, a bounded depth,
/// and numbers only as numbers (a string where a number belongs is a 400, not a guess).
/// </summary>
[JsonSourceGenerationOptions(
    MaxDepth = 64,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(AdmissionReview))]
[JsonSerializable(typeof(EvictionBody))]
[JsonSerializable(typeof(PodAdmissionReview))]
internal sealed partial class AdmissionJsonContext : JsonSerializerContext;
