using System.Collections.Concurrent;

namespace Interceptor.Simulator.Registry;

/// <summary>The open uploads, by id. An id only answers under the repository it was started for.</summary>
internal sealed class UploadSessions : IDisposable
{
    private readonly ConcurrentDictionary<string, UploadSession> _sessions = new(StringComparer.Ordinal);
    private readonly string _directory;

    public UploadSessions(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    public int Count => _sessions.Count;

    public UploadSession Start(string repository)
    {
        var session = new UploadSession(repository, _directory);
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>The session, or BLOB_UPLOAD_UNKNOWN (unknown id, finished, cancelled, or another repository's).</summary>
    public UploadSession Get(string repository, string id) =>
        _sessions.TryGetValue(id, out var session) && session.Repository == repository ? session : throw RegistryErrors.UploadUnknown(id);

    /// <summary>Forgets and disposes the session (its file too, unless it was committed).</summary>
    public void End(UploadSession session)
    {
        if (_sessions.TryRemove(session.Id, out var removed))
        {
            removed.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var session in _sessions.Values)
        {
            End(session);
        }
    }
}
