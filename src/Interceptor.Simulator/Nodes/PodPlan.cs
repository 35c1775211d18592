using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Nodes;

/// <summary>
/// What the kubelet should do with one pod now: write <see cref="Status"/>, remove the object when
/// <see cref="Remove"/> (its containers have stopped after a deletion), and look again at <see cref="WakeAt"/>.
/// </summary>
internal sealed record PodPlan(JsonObject Status, bool Remove, DateTimeOffset? WakeAt);
