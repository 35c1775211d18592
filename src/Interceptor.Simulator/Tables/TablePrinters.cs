using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Tables;

/// <summary>The printer for a resource: pods and nodes as the real server prints them, everything else NAME and AGE.</summary>
internal static class TablePrinters
{
    private static readonly PodPrinter Pods = new();
    private static readonly NodePrinter Nodes = new();

    public static ITablePrinter For(ResourceType resource) => resource switch
    {
        { IsCore: true, Plural: "pods" } => Pods,
        { IsCore: true, Plural: "nodes" } => Nodes,
        _ => DefaultPrinter.Instance,
    };
}
