using System.Globalization;
using System.Text;

namespace Interceptor.Bench.Common;

/// <summary>
/// A Markdown table written row by row: column names ending in ":" are left-aligned (text), the others right-aligned
/// (numbers). Cells are formatted by the caller with the invariant culture.
/// </summary>
public sealed class MarkdownTable
{
    private readonly StringBuilder _text;
    private readonly int _columns;

    public MarkdownTable(StringBuilder text, params string[] columns)
    {
        _text = text;
        _columns = columns.Length;
        text.Append('|');
        foreach (var column in columns)
        {
            text.Append(' ').Append(column.TrimEnd(':')).Append(" |");
        }

        text.AppendLine().Append('|');
        foreach (var column in columns)
        {
            text.Append(column.EndsWith(':') ? ":--|" : "--:|");
        }

        text.AppendLine();
    }

    public void Row(params object?[] cells)
    {
        if (cells.Length != _columns)
        {
            throw new ArgumentException($"{cells.Length} cells for {_columns} columns");
        }

        _text.Append('|');
        foreach (var cell in cells)
        {
            _text.Append(' ').Append(Convert.ToString(cell, CultureInfo.InvariantCulture)).Append(" |");
        }

        _text.AppendLine();
    }
}
