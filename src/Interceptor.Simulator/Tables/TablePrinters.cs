using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Tables;

/// <summary>
/// The printer for a resource: pods, nodes, namespaces and PodDisruptionBudgets as the real server prints them,
/// a CRD's resource by its additionalPrinterColumns, everything else NAME and AGE.
/// </summary>
internal static class TablePrinters
{
    private static readonly PodPrinter Pods = new();
    private static readonly NodePrinter Nodes = new();
    private static readonly NamespacePrinter Namespaces = new();
    private static readonly DisruptionBudgetPrinter DisruptionBudgets = new();

    public static ITablePrinter For(ResourceType resource) => resource switch
    {
        { IsCore: true, Plural: "pods" } => Pods,
        { IsCore: true, Plural: "nodes" } => Nodes,
        { IsCore: true, Plural: "namespaces" } => Namespaces,
        { Group: "policy", Plural: "poddisruptionbudgets" } => DisruptionBudgets,
        { PrinterColumns.Count: > 0 } => new CustomColumnsPrinter(resource.PrinterColumns),
        _ => DefaultPrinter.Instance,
    };
}
