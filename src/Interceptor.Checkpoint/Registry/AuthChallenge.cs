using System.Net.Http.Headers;

namespace Interceptor.Checkpoint.Registry;

/// <summary>
/// A parsed <c>WWW-Authenticate</c> challenge (RFC 7235): <c>Basic realm="..."</c>, or
/// <c>Bearer realm="https://auth/token",service="registry",scope="repository:r:pull,push"</c> as in the
/// Docker token authentication spec that distribution and most registries follow. Pure.
/// </summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public string? Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>The first challenge we can answer (Bearer preferred over Basic), or null.</summary>
    public static AuthChallenge? Select(HttpHeaderValueCollection<AuthenticationHeaderValue> challenges)
    {
        var parsed = challenges.Select(c => Parse(c.Scheme, c.Parameter)).ToList();
        return parsed.FirstOrDefault(c => c.IsBearer) ?? parsed.FirstOrDefault(c => c.IsBasic);
    }

    /// <summary>Parses the parameter list <c>k="v", k2=v2</c>; quoted values may hold commas and escaped quotes.</summary>
    public static AuthChallenge Parse(string scheme, string? parameters)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var text = parameters ?? string.Empty;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }

            var name = text[i..eq].Trim();
            (var value, i) = ReadValue(text, eq + 1);
            if (name.Length > 0)
            {
                result[name] = value;
            }
        }

        return new AuthChallenge(scheme, result);
    }

    private static (string Value, int Next) ReadValue(string text, int start)
    {
        if (start < text.Length && text[start] == '"')
        {
            var value = new System.Text.StringBuilder();
            var i = start + 1;
            for (; i < text.Length && text[i] != '"'; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                }

                value.Append(text[i]);
            }

            return (value.ToString(), Math.Min(i + 1, text.Length));
        }

        var end = text.IndexOf(',', start);
        end = end < 0 ? text.Length : end;
        return (text[start..end].Trim(), end);
    }
}
