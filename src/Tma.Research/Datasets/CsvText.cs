using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Tma.Research.Datasets;

/// <summary>RFC 4180 helpers around Sep: character positions of fields, unquoting, quoting.</summary>
internal static class CsvText
{
    /// <summary>0-based character offset of <paramref name="field"/> inside <paramref name="row"/> (the field is a slice of the row).</summary>
    public static int OffsetOf(ReadOnlySpan<char> row, ReadOnlySpan<char> field)
    {
        if (row.IsEmpty)
        {
            return 0;
        }

        var bytes = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(row), ref MemoryMarshal.GetReference(field));
        var offset = (long)bytes / sizeof(char);
        return offset < 0 || offset > row.Length ? 0 : (int)offset;
    }

    /// <summary>Line and 1-based character column of a field, given the line the row starts on.</summary>
    public static (int Line, int Column) Position(ReadOnlySpan<char> row, ReadOnlySpan<char> field, int rowLine)
    {
        var offset = OffsetOf(row, field);
        var before = row[..offset];
        var lastNewline = before.LastIndexOf('\n');
        if (lastNewline < 0)
        {
            return (rowLine, offset + 1);
        }

        return (rowLine + before.Count('\n'), offset - lastNewline);
    }

    /// <summary>
    /// The field's text with RFC 4180 quoting removed. Unquoted fields are returned as they are (no allocation);
    /// quoted fields are unescaped into a new string. Returns false for a malformed quoted field.
    /// </summary>
    public static bool TryUnquote(ReadOnlySpan<char> raw, out ReadOnlySpan<char> text)
    {
        if (raw.IsEmpty || raw[0] != '"')
        {
            text = raw;
            return raw.IndexOf('"') < 0;
        }

        if (raw.Length < 2 || raw[^1] != '"')
        {
            text = default;
            return false;
        }

        var inner = raw[1..^1];
        var builder = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '"')
            {
                if (i + 1 < inner.Length && inner[i + 1] == '"')
                {
                    builder.Append('"');
                    i++;
                    continue;
                }

                text = default;
                return false;
            }

            builder.Append(inner[i]);
        }

        text = builder.ToString();
        return true;
    }

    /// <summary>Writes a field, quoting it when it contains a separator, a quote or a line break.</summary>
    public static void WriteField(TextWriter writer, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
