using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Controllers;

/// <summary>Who records a controller's Events: its component name (the EventSource), the kind it owns, its clock.</summary>
internal sealed record ControllerEventSource(string Component, ResourceType OwnerType, TimeProvider Clock);
