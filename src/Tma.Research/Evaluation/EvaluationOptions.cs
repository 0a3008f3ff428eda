using System.Globalization;
using Tma.Research.Datasets;

namespace Tma.Research.Evaluation;

/// <summary>
/// How an evaluation reads its dataset and computes its figures. Immutable; <see cref="Default"/> is what every call
/// without options uses. <see cref="Validate"/> reports all problems together.
/// </summary>
public sealed record EvaluationOptions
{
    /// <summary>The defaults.</summary>
    public static EvaluationOptions Default { get; } = new();

    /// <summary>Name of the outcome column (values 0/1). Default <c>outcome</c>.</summary>
    public string OutcomeColumn { get; init; } = DatasetReadOptions.Default.OutcomeColumn;

    /// <summary>Name of the optional case-key column, never a feature. Default <c>case_key</c>.</summary>
    public string KeyColumn { get; init; } = DatasetReadOptions.Default.KeyColumn;

    /// <summary>
    /// Name of the follow-up time column for the time-to-event figures (finite numbers ≥ 0; the outcome is then the event
    /// indicator), or null (default) for none. docs/evaluation.md, "Time to event".
    /// </summary>
    public string? TimeColumn { get; init; }

    /// <summary>
    /// The horizon τ of Uno's C and the time-dependent AUC, in the time column's unit; null (default) = the 75th
    /// percentile of the event times. Only used with <see cref="TimeColumn"/>.
    /// </summary>
    public double? Horizon { get; init; }

    /// <summary>Skip and count bad rows instead of stopping at the first. Default false.</summary>
    public bool SkipBadRows { get; init; }

    /// <summary>Seed of every bootstrap. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Bootstrap resamples per interval: 0 (no bootstrap intervals) or at least 10. Default 1000.</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>
    /// Resamples of the optimism bootstrap of the score's logistic recalibration (report section <c>internalValidation</c>):
    /// 0 = none (default), else 1 … <see cref="Statistics.OptimismBootstrap.MaxResamples"/>. Independent of <see cref="BootstrapResamples"/>.
    /// </summary>
    public int ValidationResamples { get; init; }

    /// <summary>Confidence level of every interval, in (0, 1). Default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>The most score cut-offs an evaluation takes.</summary>
    public const int MaxCutoffs = 50;

    /// <summary>Score thresholds for the cut-off table ("flagged when score ≥ t"), in the order given; at most <see cref="MaxCutoffs"/>. Default none.</summary>
    public IReadOnlyList<double> Cutoffs { get; init; } = [];

    /// <summary>
    /// For a score column: the column is declared a predicted probability, so the probability-scale figures are computed
    /// when every value lies in [0, 1]. Default false. Ignored for models, which say themselves whether they output probabilities.
    /// </summary>
    public bool ScoreIsProbability { get; init; }

    /// <summary>Lower end of the partial-AUC range (of specificity, or of sensitivity with <see cref="PartialAucFocus"/>). Default 0.8.</summary>
    public double PartialAucFrom { get; init; } = 0.8;

    /// <summary>Upper end of the partial-AUC range. Default 1.</summary>
    public double PartialAucTo { get; init; } = 1.0;

    /// <summary>Whether the partial-AUC range is of specificity (default) or sensitivity.</summary>
    public Statistics.PartialAucFocus PartialAucFocus { get; init; } = Statistics.PartialAucFocus.Specificity;

    /// <summary>Most ROC points kept in the report (the full curve is thinned evenly along its length). Default 200.</summary>
    public int MaxRocPoints { get; init; } = 200;

    /// <summary>Equal-width bins of the expected calibration error. Default 10.</summary>
    public int CalibrationBins { get; init; } = 10;

    /// <summary>Groups of the Hosmer-Lemeshow test. Default 10.</summary>
    public int HosmerLemeshowGroups { get; init; } = 10;

    /// <summary>Most distinct labels per <c>group:</c> column; a column with more is not analysed (it is likely an identifier). Default 100.</summary>
    public int MaxGroupLabels { get; init; } = 100;

    /// <summary>Version written to the report's provenance; null = the engine version.</summary>
    public string? ToolVersion { get; init; }

    /// <summary>Receives the number of rows read so far, every few thousand rows; null = no reports. Called on the evaluating thread.</summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>All problems with these options, or none.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(OutcomeColumn))
        {
            problems.Add("the outcome column needs a name");
        }

        if (TimeColumn is { } time && (time.Length == 0 || time == OutcomeColumn || time == KeyColumn || time.StartsWith("group:", StringComparison.Ordinal)))
        {
            problems.Add("the time column needs a name of its own (not the outcome, the case key or a group: column)");
        }

        if (Horizon is { } horizon && !(double.IsFinite(horizon) && horizon > 0))
        {
            problems.Add("the horizon must be a positive finite time");
        }

        if (Horizon is not null && TimeColumn is null)
        {
            problems.Add("a horizon needs a time column");
        }

        if (BootstrapResamples is not 0 and < 10)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the number of bootstrap resamples must be 0 (off) or at least 10, not {BootstrapResamples}"));
        }

        if (ValidationResamples is < 0 or > Statistics.OptimismBootstrap.MaxResamples)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the number of validation bootstrap resamples must be 0 (off) to {Statistics.OptimismBootstrap.MaxResamples}, not {ValidationResamples}"));
        }

        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
        {
            problems.Add("the confidence level must lie strictly between 0 and 1");
        }

        if (Cutoffs.Count > MaxCutoffs)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"at most {MaxCutoffs} cut-offs can be given, not {Cutoffs.Count}"));
        }

        for (var i = 0; i < Cutoffs.Count; i++)
        {
            if (!double.IsFinite(Cutoffs[i]))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"cut-off {i + 1} is not a finite number"));
            }
        }

        if (!(PartialAucFrom >= 0.0 && PartialAucFrom < PartialAucTo && PartialAucTo <= 1.0))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the partial-AUC range must satisfy 0 ≤ from < to ≤ 1, not {PartialAucFrom}:{PartialAucTo}"));
        }

        if (MaxRocPoints < 2)
        {
            problems.Add("at least 2 ROC points must be kept");
        }

        if (CalibrationBins < 1)
        {
            problems.Add("the expected calibration error needs at least 1 bin");
        }

        if (HosmerLemeshowGroups < 3)
        {
            problems.Add("the Hosmer-Lemeshow test needs at least 3 groups");
        }

        if (MaxGroupLabels < 2)
        {
            problems.Add("at least 2 labels per group column must be allowed");
        }

        return problems;
    }

    internal DatasetReadOptions ReadOptions => new() { OutcomeColumn = OutcomeColumn, KeyColumn = KeyColumn, SkipBadRows = SkipBadRows, TimeColumn = TimeColumn };

    /// <summary>Read options for one of several models scored on the same file: the other models' input columns are expected.</summary>
    internal DatasetReadOptions ReadOptionsAmong(Tma.Models.Definitions.ModelDefinition model, IEnumerable<Tma.Models.Definitions.ModelDefinition> all) => ReadOptions with
    {
        IgnoredColumns = all.Where(other => !ReferenceEquals(other, model))
            .SelectMany(other => other.Inputs.SelectMany(i => new[] { i.Id, i.Id + ".relevance" }))
            .Where(column => model.InputIndex(column) < 0)
            .ToHashSet(StringComparer.Ordinal),
    };
}
