using Tma.Models.Definitions;
using Tma.Scoring.Assessments;

namespace Tma.Scoring.FastPath;

/// <summary>
/// Scores many resolved rows (dataset rows: current values and relevance, no observations, no reference date) into
/// scores, level ranks and validity, without building <see cref="Assessment"/>s: for evaluating a model over millions
/// of rows. Each row's outcome equals the <see cref="Assessment"/> that <see cref="IRiskModel.Assess(Tma.Models.Cases.ResolvedCase)"/>
/// gives for the same values without observations. Immutable and safe to share between threads; split a large batch
/// into slices to score it on several threads. Create one with <see cref="RiskModelCompiler.CompileBatch(Tma.Models.Packaging.ModelPackage, RiskModelOptions?)"/>.
/// </summary>
public interface IBatchScorer
{
    /// <summary>Which package this scorer was compiled from.</summary>
    ModelReference Reference { get; }

    /// <summary>The validated definition.</summary>
    ModelDefinition Definition { get; }

    /// <summary>Which evaluation path scores the rows: <c>compiled</c> or <c>nrules</c> (see <see cref="EvaluationPath"/>).</summary>
    string Engine { get; }

    /// <summary>Values per row: the model's number of inputs, in model order.</summary>
    int InputCount { get; }

    /// <summary>Scores one row.</summary>
    /// <param name="values">Value per input (level or category position, or the number; null = unknown); length <see cref="InputCount"/>.</param>
    /// <param name="relevance">Relevance level position per input, or empty when no row has relevance values.</param>
    /// <param name="norm">Norm id; null = the model's default.</param>
    /// <exception cref="ArgumentException">A span has the wrong length, or the model has no such norm.</exception>
    BatchRowScore Score(ReadOnlySpan<double?> values, ReadOnlySpan<double?> relevance, string? norm = null);

    /// <summary>Scores <c>values.Length / InputCount</c> rows stored one after another (row-major).</summary>
    /// <param name="values">The rows' values, row after row; the length is a multiple of <see cref="InputCount"/>.</param>
    /// <param name="relevance">The rows' relevance values in the same layout, or empty when there are none.</param>
    /// <param name="scores">Receives the score per row (rounded to 6 decimals); at least one slot per row.</param>
    /// <param name="levelRanks">Receives the final level rank per row; at least one slot per row.</param>
    /// <param name="validity">Receives the validity per row, or empty (the default) when it is not needed.</param>
    /// <param name="norm">Norm id for every row; null = the model's default.</param>
    /// <returns>The number of rows scored.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length, or the model has no such norm.</exception>
    int ScoreBatch(ReadOnlySpan<double?> values, ReadOnlySpan<double?> relevance, Span<double> scores, Span<int> levelRanks, Span<Validity> validity = default, string? norm = null);
}
