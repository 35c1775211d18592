using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;

namespace Interceptor.Simulator.Http;

/// <summary>
/// LIST with <c>limit</c> and <c>continue</c>, as the real server pages: every page of one list comes from the
/// snapshot of its first page (the real server reads etcd at that resourceVersion), whatever was written since.
/// The store's state is immutable, so a kept snapshot is just a reference; the newest <see cref="Kept"/> are
/// kept, and an older token gets 410 Expired, as a token past etcd compaction does.
/// </summary>
internal sealed class ListContinuations
{
    public const int Kept = 64;

    private readonly ConcurrentDictionary<string, (IEnumerable<JsonObject> Items, long ResourceVersion)> _snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>One page of the list <paramref name="list"/> reads now, or of the snapshot the query's token names.</summary>
    public (IReadOnlyList<JsonObject> Items, long ResourceVersion, string? Continue) Page(
        ListQuery query, Func<(IEnumerable<JsonObject> Items, long ResourceVersion)> list)
    {
        var (id, offset) = string.IsNullOrEmpty(query.Continue) ? (null, 0) : Decode(query.Continue);
        var (snapshot, resourceVersion) = id is null ? list() : Find(id);
        if (query.Limit is not > 0)
        {
            return ([.. snapshot.Skip(offset)], resourceVersion, null);
        }

        var limit = query.Limit.Value;
        var page = snapshot.Skip(offset).Take(limit + 1).ToList();
        if (page.Count <= limit)
        {
            return (page, resourceVersion, null);
        }

        page.RemoveAt(limit);
        return (page, resourceVersion, Encode(id ?? Keep(snapshot, resourceVersion), offset + limit));
    }

    private string Keep(IEnumerable<JsonObject> snapshot, long resourceVersion)
    {
        var id = Guid.NewGuid().ToString("N");
        _snapshots[id] = (snapshot, resourceVersion);
        _order.Enqueue(id);
        while (_order.Count > Kept && _order.TryDequeue(out var oldest))
        {
            _snapshots.TryRemove(oldest, out _);
        }

        return id;
    }

    private (IEnumerable<JsonObject>, long) Find(string id) =>
        _snapshots.TryGetValue(id, out var kept)
            ? kept
            : throw StatusErrors.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");

    private static string Encode(string id, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(id + ":" + offset.ToString(CultureInfo.InvariantCulture)));

    private static (string? Id, int Offset) Decode(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            if (parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return (parts[0], offset);
            }
        }
        catch (FormatException)
        {
            // Not base64: the same answer as any other malformed token.
        }

        throw StatusErrors.BadRequest("continue key is not valid");
    }
}
