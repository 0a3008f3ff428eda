using Tma.Models.Diagnostics;
using Tma.Research.Datasets;
using Tma.Scoring;
using Tma.Scoring.Assessments;

namespace Tma.Cli.Prediction;

/// <summary>
/// Streams a dataset through a compiled model, one <see cref="IRiskModel.Assess(Tma.Models.Cases.ResolvedCase)"/> per row,
/// into a <see cref="IPredictionWriter"/>: only the current row and the writer's buffer are in memory. Every row is scored
/// by the same path as <c>tma score</c>, so a prediction equals the single-case assessment of the same values.
/// </summary>
internal static class Predictor
{
    /// <summary>What a finished run reports.</summary>
    /// <param name="Rows">Rows predicted.</param>
    /// <param name="BadRows">Bad rows skipped (with <see cref="DatasetReadOptions.SkipBadRows"/>).</param>
    /// <param name="Errors">The located errors of the bad rows (the first ones), or the error that stopped the read.</param>
    /// <param name="Stopped">True when a bad row stopped the read: the output must be discarded.</param>
    public sealed record Summary(int Rows, int BadRows, IReadOnlyList<Diagnostic> Errors, bool Stopped);

    /// <summary>Predicts every row the open reader yields.</summary>
    public static Summary Run(DatasetReader reader, IRiskModel model, IPredictionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var hasKey = reader.Header.HasKey;
        var rows = 0;
        while (reader.MoveNext())
        {
            var row = reader.Current;
            var assessment = model.Assess(row.ToResolvedCase());
            writer.Write(Prediction.From(hasKey ? row.Key : null, row.RowNumber, assessment));
            rows++;
        }

        return new Summary(rows, reader.BadRowCount, reader.Errors, reader.Stopped);
    }
}
