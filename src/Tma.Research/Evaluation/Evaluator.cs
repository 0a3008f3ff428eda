using Tma.Models.Diagnostics;
using Tma.Models.Packaging;
using Tma.Research.Evaluation.Computation;

namespace Tma.Research.Evaluation;

/// <summary>
/// Evaluates a model package, or a score that is already a dataset column, on an anonymized dataset the way the
/// threat-assessment literature does (docs/evaluation.md). The dataset streams through once; per row only the score,
/// level rank, outcome and subgroup ids are kept (about 12 bytes), so a million rows need tens of megabytes.
/// Bad input — a missing outcome column, all outcomes equal, a dataset made for another model, a score that is NaN —
/// is returned as located diagnostics, never a half-computed report.
/// </summary>
public static class Evaluator
{
    /// <summary>Scores every row of <paramref name="dataPath"/> with <paramref name="package"/> and evaluates the result.</summary>
    /// <param name="dataPath">The dataset: CSV whose columns are the model's inputs, the outcome and optional <c>group:</c> columns (docs/datasets.md).</param>
    /// <param name="package">The model package.</param>
    /// <param name="options">Options; <see cref="EvaluationOptions.Default"/> when null.</param>
    /// <returns>The report, or the diagnostics that prevented it.</returns>
    /// <exception cref="ArgumentException">The options are invalid (all problems are listed).</exception>
    public static LoadResult<EvaluationReport> Evaluate(string dataPath, ModelPackage package, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        ArgumentNullException.ThrowIfNull(package);
        options = Checked(options);
        var collected = DatasetCollector.Models(dataPath, [package], options);
        return collected.Value is null
            ? LoadResult<EvaluationReport>.Failed(collected.Diagnostics)
            : Succeeded(ReportAssembler.Evaluation(collected.Value, dataPath, 0, [], options));
    }

    /// <summary>Evaluates a score that is a column of the dataset (an existing instrument, another tool's output).</summary>
    /// <param name="dataPath">The dataset: CSV with the score column, the outcome and optional <c>group:</c> columns; other columns are ignored.</param>
    /// <param name="scoreColumn">The score column; higher values must mean higher risk.</param>
    /// <param name="options">Options (cut-offs, whether the score is a probability); <see cref="EvaluationOptions.Default"/> when null.</param>
    /// <returns>The report, or the diagnostics that prevented it.</returns>
    /// <exception cref="ArgumentException">The options are invalid (all problems are listed).</exception>
    public static LoadResult<EvaluationReport> EvaluateScoreColumn(string dataPath, string scoreColumn, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        ArgumentException.ThrowIfNullOrEmpty(scoreColumn);
        options = Checked(options);
        var collected = DatasetCollector.Columns(dataPath, [scoreColumn], options);
        return collected.Value is null
            ? LoadResult<EvaluationReport>.Failed(collected.Diagnostics)
            : Succeeded(ReportAssembler.Evaluation(collected.Value, dataPath, 0, [scoreColumn], options));
    }

    /// <summary>
    /// Scores every row with two packages and compares them on the rows both could read: DeLong's paired test, calibration
    /// of each, and the level cross-table. The dataset must fit both models.
    /// </summary>
    /// <param name="dataPath">The dataset.</param>
    /// <param name="a">Model A (e.g. the released version).</param>
    /// <param name="b">Model B (e.g. the candidate).</param>
    /// <param name="options">Options; <see cref="EvaluationOptions.Default"/> when null.</param>
    /// <returns>The comparison (differences are A − B), or the diagnostics that prevented it.</returns>
    /// <exception cref="ArgumentException">The options are invalid (all problems are listed).</exception>
    public static LoadResult<ComparisonReport> Compare(string dataPath, ModelPackage a, ModelPackage b, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options = Checked(options);
        var collected = DatasetCollector.Models(dataPath, [a, b], options);
        return collected.Value is null
            ? LoadResult<ComparisonReport>.Failed(collected.Diagnostics)
            : Succeeded(ReportAssembler.Comparison(collected.Value, dataPath, [], options));
    }

    /// <summary>Compares two score columns of the same dataset.</summary>
    /// <param name="dataPath">The dataset.</param>
    /// <param name="scoreColumnA">Column of score A.</param>
    /// <param name="scoreColumnB">Column of score B.</param>
    /// <param name="options">Options; <see cref="EvaluationOptions.Default"/> when null.</param>
    /// <returns>The comparison (differences are A − B), or the diagnostics that prevented it.</returns>
    /// <exception cref="ArgumentException">The options are invalid, or both columns are the same.</exception>
    public static LoadResult<ComparisonReport> CompareScoreColumns(string dataPath, string scoreColumnA, string scoreColumnB, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        ArgumentException.ThrowIfNullOrEmpty(scoreColumnA);
        ArgumentException.ThrowIfNullOrEmpty(scoreColumnB);
        if (scoreColumnA == scoreColumnB)
        {
            throw new ArgumentException($"Compare two different columns; both are `{scoreColumnA}`.", nameof(scoreColumnB));
        }

        options = Checked(options);
        var collected = DatasetCollector.Columns(dataPath, [scoreColumnA, scoreColumnB], options);
        return collected.Value is null
            ? LoadResult<ComparisonReport>.Failed(collected.Diagnostics)
            : Succeeded(ReportAssembler.Comparison(collected.Value, dataPath, [scoreColumnA, scoreColumnB], options));
    }

    private static EvaluationOptions Checked(EvaluationOptions? options)
    {
        options ??= EvaluationOptions.Default;
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid evaluation options: " + string.Join("; ", problems) + ".", nameof(options));
        }

        return options;
    }

    private static LoadResult<T> Succeeded<T>(T value)
        where T : class => LoadResult<T>.From(value, new DiagnosticBag());
}
