using System.Text.Json.Nodes;

namespace Interceptor.Simulator.Store;

/// <summary>The object DELETE answers with, and whether it is gone (200) or only marked (202).</summary>
public sealed record DeleteResult(JsonObject Object, bool Removed);
