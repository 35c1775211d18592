using System.Text;

namespace Interceptor.Checkpoint.Kubelet;

/// <summary>
/// Text from outside (a kubelet's error body, a rejected name) goes into exception messages and
/// from there into logs and Events: cap its length and escape control characters so it can neither
/// flood a log nor forge a log line.
/// </summary>
internal static class KubeletText
{
    public static string Printable(string text, int maxLength)
    {
        var shown = text.Length <= maxLength ? text : text[..maxLength];
        var builder = new StringBuilder(shown.Length + 3);
        foreach (var c in shown)
        {
            if (char.IsControl(c))
            {
                builder.Append($"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return shown.Length < text.Length ? builder.Append("...").ToString() : builder.ToString();
    }
}
