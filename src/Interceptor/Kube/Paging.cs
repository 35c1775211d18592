namespace Interceptor.Kube;

/// <summary>
/// Pages through a LIST with limit/continue, handing each page on as it arrives: a cache reduces a page to its
/// facts and lets the full objects go, so at most one page of whole objects is alive, not the whole cluster's.
/// </summary>
internal static class Paging
{
    public const int PageSize = 500;

    /// <returns>The resourceVersion of the snapshot (every page of one LIST is read at the same one).</returns>
    public static async Task<string> ListPagesAsync<T>(
        Func<string?, CancellationToken, Task<(IList<T> Items, string? ResourceVersion, string? Continue)>> page,
        Action<IReadOnlyList<T>> onPage,
        CancellationToken cancellationToken)
    {
        string? token = null;
        string? resourceVersion;
        do
        {
            (var pageItems, resourceVersion, token) = await page(token, cancellationToken).ConfigureAwait(false);
            onPage(pageItems as IReadOnlyList<T> ?? [.. pageItems]);
        }
        while (!string.IsNullOrEmpty(token));

        return resourceVersion ?? "";
    }
}
