using System.Text;

namespace Tma.CaseStore;

/// <summary>RFC 4180 CSV with a guard against formula injection in spreadsheet programs.</summary>
internal static class Csv
{
    public static async Task WriteAsync(TextWriter writer, IReadOnlyList<string> header, IEnumerable<string[]> rows, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(Line(header).AsMemory(), cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await writer.WriteAsync(Line(row).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Line(IReadOnlyList<string> cells)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(Escape(cells[i]));
        }

        return builder.Append("\r\n").ToString();
    }

    internal static string Escape(string value)
    {
        // A cell a spreadsheet would run as a formula gets a leading apostrophe (numbers such as -1.5 are left alone).
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal)
            && !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '))
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
