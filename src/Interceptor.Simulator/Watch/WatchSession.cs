using System.Text.Json;
using Interceptor.Simulator.Http;
using Interceptor.Simulator.Resources;
using Interceptor.Simulator.Selectors;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Watch;

/// <summary>
/// Serves one watch request: headers at once, then the initial events, then live events until the
/// timeout, the client leaving, the server stopping, or the watcher falling too far behind.
/// Waiting is on the subscriber's channel only: an idle watch costs no CPU.
/// </summary>
internal sealed class WatchSession(FakeObjectStore store, FakeApiServerOptions options, CancellationToken stopping)
{
    public async Task RunAsync(
        HttpContext context, ResourceType resource, ObjectFilter filter, ListQuery query, Action<Utf8JsonWriter, WatchEvent>? writeObject = null)
    {
        using var subscription = store.OpenWatch(resource, filter, query.ResourceVersion);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = JsonResponses.ContentType;
        await context.Response.StartAsync(context.RequestAborted);
        var writer = new WatchStreamWriter(context.Response.BodyWriter, writeObject);
        if (subscription.Expired is { } expired)
        {
            await writer.WriteErrorAsync(expired, context.RequestAborted);
            return;
        }
        using var timeout = TimeoutSource(query);
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping, timeout.Token);
        try
        {
            if (await writer.WriteAllAsync(subscription.Initial, ending.Token))
            {
                await PumpAsync(subscription.Subscriber!, writer, query.AllowWatchBookmarks, ending.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Timeout, client gone or server stopping: ending the chunked body is the whole answer.
        }
    }

    private async Task PumpAsync(WatchSubscriber subscriber, WatchStreamWriter writer, bool bookmarks, CancellationToken ct)
    {
        using var timer = bookmarks
            ? options.TimeProvider.CreateTimer(
                _ => store.EnqueueBookmark(subscriber), null, options.BookmarkInterval, options.BookmarkInterval)
            : null;
        await foreach (var e in subscriber.Reader.ReadAllAsync(ct))
        {
            if (!await writer.WriteAsync(e, ct))
            {
                return;
            }
        }
    }

    /// <summary>timeoutSeconds, on the injected clock; 0 or absent means no timeout.</summary>
    private CancellationTokenSource TimeoutSource(ListQuery query) =>
        query.TimeoutSeconds is > 0
            ? new CancellationTokenSource(TimeSpan.FromSeconds(query.TimeoutSeconds.Value), options.TimeProvider)
            : new CancellationTokenSource();
}
