namespace Interceptor.Kube;

/// <summary>Pages through a LIST with limit/continue so one huge response never has to be held at once.</summary>
internal static class Paging
{
    public const int PageSize = 500;

    public static async Task<(IReadOnlyList<T> Items, string ResourceVersion)> ListAllAsync<T>(
        Func<string?, CancellationToken, Task<(IList<T> Items, string? ResourceVersion, string? Continue)>> page,
        CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? token = null;
        string? resourceVersion;
        do
        {
            (var pageItems, resourceVersion, token) = await page(token, cancellationToken).ConfigureAwait(false);
            items.AddRange(pageItems);
        }
        while (!string.IsNullOrEmpty(token));

        return (items, resourceVersion ?? "");
    }
}
