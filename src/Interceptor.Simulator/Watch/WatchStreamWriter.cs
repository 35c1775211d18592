using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Interceptor.Simulator.Errors;

namespace Interceptor.Simulator.Watch;

/// <summary>
/// Writes newline-delimited watch events (<c>{"type":"ADDED","object":{...}}</c>) and flushes them,
/// so a client sees each event as soon as it happens. <paramref name="writeObject"/>, when given, writes an
/// event's object in another form (a one-row Table for <c>kubectl get -w</c>); bookmarks and errors are never transformed.
/// </summary>
internal sealed class WatchStreamWriter(PipeWriter output, Action<Utf8JsonWriter, WatchEvent>? writeObject = null)
{
    /// <summary>Writes one event; false when the client has gone away.</summary>
    public async ValueTask<bool> WriteAsync(WatchEvent e, CancellationToken ct)
    {
        Write(e);
        return await FlushAsync(ct);
    }

    /// <summary>Writes a batch (initial state or replay) with one flush at the end.</summary>
    public async ValueTask<bool> WriteAllAsync(IReadOnlyList<WatchEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            Write(e);
        }
        return await FlushAsync(ct);
    }

    /// <summary>An ERROR event carrying a Status, as the real server ends a watch it cannot serve.</summary>
    public ValueTask<bool> WriteErrorAsync(ApiStatusException error, CancellationToken ct)
    {
        WriteLine(writer =>
        {
            writer.WriteString("type", WatchEventType.Error.ToWire());
            writer.WritePropertyName("object");
            error.WriteStatus(writer);
        });
        return FlushAsync(ct);
    }

    private void Write(WatchEvent e) => WriteLine(writer =>
    {
        writer.WriteString("type", e.Type.ToWire());
        writer.WritePropertyName("object");
        if (writeObject is not null && e.Type != WatchEventType.Bookmark)
        {
            writeObject(writer, e);
        }
        else
        {
            e.Object.WriteTo(writer);
        }
    });

    private void WriteLine(Action<Utf8JsonWriter> writeMembers)
    {
        using (var writer = new Utf8JsonWriter(output, Http.JsonWriting.Options))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }
        output.Write("\n"u8);
    }

    private async ValueTask<bool> FlushAsync(CancellationToken ct)
    {
        var result = await output.FlushAsync(ct);
        return !result.IsCompleted && !result.IsCanceled;
    }
}
