using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Store;

/// <summary>A consistent list: the items as of <see cref="ResourceVersion"/>, from which a watch can resume.</summary>
public sealed record ObjectList(IReadOnlyList<JsonObject> Items, long ResourceVersion);
