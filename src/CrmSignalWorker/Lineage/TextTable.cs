using System.Text;

namespace CrmSignalWorker.Lineage;

/// <summary>Columns padded to their widest cell, numbers right-aligned, for a terminal.</summary>
internal sealed class TextTable(IReadOnlyList<string> headings, IReadOnlySet<int> rightAligned)
{
    private const string Gap = "  ";
    private readonly List<IReadOnlyList<string>> _rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != headings.Count)
        {
            throw new ArgumentException($"A row has {headings.Count} cells, not {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void WriteTo(StringBuilder text)
    {
        var widths = headings.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        Line(text, headings, widths);
        foreach (var row in _rows)
        {
            Line(text, row, widths);
        }
    }

    private void Line(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(Gap);
            }

            line.Append(rightAligned.Contains(i) ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
