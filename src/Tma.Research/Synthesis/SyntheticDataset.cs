using System.Globalization;
using System.Text;
using Tma.Models.Definitions;
using Tma.Research.Datasets;

namespace Tma.Research.Synthesis;

/// <summary>
/// Writes synthetic datasets in the dataset format (docs/datasets.md), streaming: memory does not grow with the number
/// of rows. Columns: every input in model order (a presence input with relevance is followed by <c>&lt;id&gt;.relevance</c>),
/// then <c>group:site</c>, then <c>outcome</c>. UTF-8 without BOM, CRLF line ends, invariant number formatting.
/// </summary>
public static class SyntheticDataset
{
    /// <summary>The name of the subgroup column.</summary>
    public const string GroupColumn = "group:site";

    /// <summary>The name of the outcome column.</summary>
    public const string OutcomeColumn = "outcome";

    /// <summary>The name of the follow-up time column written when <see cref="SyntheticOptions.FollowUp"/> is set.</summary>
    public const string TimeColumn = "time";

    /// <summary>
    /// Writes the dataset to <paramref name="path"/> atomically (to a temporary file in the same folder, then moved), so
    /// that a failed run leaves nothing half-written.
    /// </summary>
    /// <param name="model">The model whose inputs are generated.</param>
    /// <param name="options">The process settings.</param>
    /// <param name="path">The CSV file to create or replace.</param>
    /// <returns>The known truth of the process.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static SyntheticTruth WriteFile(ModelDefinition model, SyntheticOptions options, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            SyntheticTruth truth;
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16))
            {
                truth = Write(model, options, writer);
            }

            File.Move(temporary, full, overwrite: true);
            return truth;
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Writes the dataset to a text writer (the caller owns and disposes it).</summary>
    /// <param name="model">The model whose inputs are generated.</param>
    /// <param name="options">The process settings.</param>
    /// <param name="writer">Where the CSV text goes.</param>
    /// <returns>The known truth of the process.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static SyntheticTruth Write(ModelDefinition model, SyntheticOptions options, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        var generator = new SyntheticGenerator(model, options);
        var inputs = model.Inputs;
        var levelText = inputs.Select(i => i.Levels.Select(l => Escape(l.Id)).ToArray()).ToArray();
        var relevanceText = inputs.Select(i => i.RelevanceLevels.Select(l => Escape(l.Id)).ToArray()).ToArray();
        var groupText = generator.GroupLabels.ToArray();
        const string newLine = "\r\n";

        var first = true;
        foreach (var input in inputs)
        {
            WriteHeaderField(writer, input.Id, ref first);
            if (input.HasRelevance)
            {
                WriteHeaderField(writer, input.Id + ".relevance", ref first);
            }
        }

        WriteHeaderField(writer, GroupColumn, ref first);
        WriteHeaderField(writer, OutcomeColumn, ref first);
        if (options.FollowUp is not null)
        {
            WriteHeaderField(writer, TimeColumn, ref first);
        }

        writer.Write(newLine);
        var times = options.FollowUp is { } window ? new SyntheticFollowUp(window, generator.Truth, options.Seed) : null;

        Span<char> number = stackalloc char[32];
        for (var r = 0; r < options.Rows; r++)
        {
            var row = generator.Next();
            var values = row.Values;
            var relevance = row.Relevance;
            for (var i = 0; i < inputs.Count; i++)
            {
                if (values[i] is { } value)
                {
                    if (inputs[i].HasLevels)
                    {
                        writer.Write(levelText[i][(int)value]);
                    }
                    else if (value.TryFormat(number, out var written, "R", CultureInfo.InvariantCulture))
                    {
                        writer.Write(number[..written]);
                    }
                    else
                    {
                        writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
                    }
                }

                writer.Write(',');
                if (inputs[i].HasRelevance)
                {
                    if (relevance[i] is { } level)
                    {
                        writer.Write(relevanceText[i][(int)level]);
                    }

                    writer.Write(',');
                }
            }

            writer.Write(groupText[row.Group]);
            writer.Write(',');
            writer.Write(row.Outcome ? '1' : '0');
            if (times is not null)
            {
                writer.Write(',');
                writer.Write(times.Next(row).ToString("R", CultureInfo.InvariantCulture));
            }

            writer.Write(newLine);
        }

        writer.Flush();
        return generator.Truth;
    }

    private static void WriteHeaderField(TextWriter writer, string name, ref bool first)
    {
        if (!first)
        {
            writer.Write(',');
        }

        first = false;
        CsvText.WriteField(writer, name);
    }

    private static string Escape(string value)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        CsvText.WriteField(text, value);
        return text.ToString();
    }
}
