using System.Globalization;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation.Computation;

/// <summary>Turns a collected dataset into reports: one <see cref="EvaluationReport"/> per score series, and the comparison of two.</summary>
internal static class ReportAssembler
{
    public static EvaluationReport Evaluation(Collected collected, string dataPath, int series, IReadOnlyList<string> columnNames, EvaluationOptions options)
    {
        var sample = collected.Sample;
        var fromModel = collected.Scorers.Count > 0;
        SeriesInput input;
        ScoreSource source;
        if (fromModel)
        {
            var scorer = collected.Scorers[series];
            input = new SeriesInput("score", series, scorer.Definition.Levels, scorer.NotAProbabilityReason);
            source = new ScoreSource { Kind = "model", Name = "score", Engine = scorer.Engine };
        }
        else
        {
            var name = columnNames[series];
            input = new SeriesInput(name, series, null, ColumnProbabilityReason(name, collected.FirstLineOutsideUnitInterval[series], options));
            source = new ScoreSource { Kind = "column", Name = name };
        }

        var calculator = new FigureCalculator(sample, options);
        var distinct = DistinctScores.From(sample.ScoreSpan(series), sample.OutcomeSpan);
        var score = calculator.Score(input, distinct);
        var calibration = calculator.Calibration(input);
        var levels = calculator.Levels(input);
        var subgroups = calculator.Subgroups(input);
        var decisionCurve = calculator.DecisionCurve(input);
        var summary = calculator.Summary(series, distinct.Count);
        var validation = options.ValidationResamples > 0
            ? InternalValidationCalculator.Compute(sample.ScoreSpan(series), sample.OutcomeSpan, input.NotProbabilityReason is null, options.ValidationResamples, options.Seed)
            : null;
        var timeSkipped = new List<SkippedFigure>();
        var timeToEvent = TimeToEventCalculator.Compute(sample, input, options, timeSkipped);
        return new EvaluationReport
        {
            Provenance = new EvaluationProvenance
            {
                ToolVersion = options.ToolVersion ?? EngineInfo.Version.ToString(),
                EngineVersion = EngineInfo.Version.ToString(),
                Dataset = new DatasetProvenance
                {
                    File = Path.GetFileName(dataPath),
                    Fingerprint = collected.Fingerprint,
                    Rows = sample.Count,
                    BadRowsSkipped = collected.BadRows,
                    OutcomeColumn = options.OutcomeColumn,
                    GroupColumns = collected.GroupNames,
                },
                Model = fromModel ? collected.Scorers[series].Reference : null,
                Source = source,
                Seed = options.Seed,
                BootstrapResamples = options.BootstrapResamples,
                ConfidenceLevel = options.ConfidenceLevel,
            },
            Sample = summary,
            Score = score,
            Calibration = calibration,
            Levels = levels,
            Subgroups = subgroups,
            InternalValidation = validation,
            DecisionCurve = decisionCurve,
            TimeToEvent = timeToEvent,
            Skipped = [.. calculator.Skipped, .. timeSkipped],
            Warnings = Warnings(collected, summary),
        };
    }

    public static ComparisonReport Comparison(Collected collected, string dataPath, IReadOnlyList<string> columnNames, EvaluationOptions options)
    {
        var a = Evaluation(collected, dataPath, 0, columnNames, options);
        var b = Evaluation(collected, dataPath, 1, columnNames, options);
        var sample = collected.Sample;
        var outcomes = sample.OutcomeSpan;
        var skipped = new List<SkippedFigure>();
        var scoreAuc = DeLong.Compare(sample.ScoreSpan(0), sample.ScoreSpan(1), outcomes, options.ConfidenceLevel);
        DeLongTestResult? levelAuc = null;
        LevelChanges? changes = null;
        if (sample.LevelRanks is { } ranks && collected.Scorers.Count == 2)
        {
            var rankA = new double[sample.Count];
            var rankB = new double[sample.Count];
            for (var i = 0; i < sample.Count; i++)
            {
                rankA[i] = ranks[0][i];
                rankB[i] = ranks[1][i];
            }

            levelAuc = DeLong.Compare(rankA, rankB, outcomes, options.ConfidenceLevel);
            changes = LevelChangeTable.Compute(
                ranks[0].AsSpan(0, sample.Count),
                ranks[1].AsSpan(0, sample.Count),
                outcomes,
                [.. collected.Scorers[0].Definition.Levels.Select(l => l.Id)],
                [.. collected.Scorers[1].Definition.Levels.Select(l => l.Id)],
                options.ConfidenceLevel);
        }
        else
        {
            const string reason = "score columns have no levels";
            skipped.Add(new SkippedFigure("levelAuc", reason));
            skipped.Add(new SkippedFigure("levelChanges", reason));
        }

        var reclassification = ReclassificationFigures.Compute(sample, a, b, options, skipped);
        return new ComparisonReport { A = a, B = b, ScoreAuc = scoreAuc, LevelAuc = levelAuc, LevelChanges = changes, Reclassification = reclassification, Skipped = skipped };
    }

    private static string? ColumnProbabilityReason(string column, int? firstOutside, EvaluationOptions options)
    {
        if (!options.ScoreIsProbability)
        {
            return firstOutside is null
                ? $"the score column `{column}` was not declared a probability; its values lie in [0, 1], so if it is a predicted probability, declare it (--probability) to get the Brier score and calibration"
                : $"the score column `{column}` was not declared a probability (and has values outside [0, 1]); Brier score and calibration need predicted probabilities";
        }

        return firstOutside is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"the score column `{column}` was declared a probability, but line {line} has a value outside [0, 1]; Brier score and calibration need predicted probabilities")
            : null;
    }

    private static List<string> Warnings(Collected collected, SampleSummary summary)
    {
        var warnings = new List<string>(collected.Warnings);
        var invariant = CultureInfo.InvariantCulture;
        if (summary.InsufficientRows > 0)
        {
            warnings.Add(string.Create(invariant,
                $"{summary.InsufficientRows} row(s) ({(double)summary.InsufficientRows / summary.N:P1}) had too many unknown inputs for the model's missing-data policy; their level is a lower bound, and they are evaluated as shown to users"));
        }

        var smaller = Math.Min(summary.Events, summary.NonEvents);
        if (smaller < 30)
        {
            warnings.Add(string.Create(invariant,
                $"only {smaller} row(s) have outcome {(summary.Events < summary.NonEvents ? 1 : 0)}; intervals are wide and figures unstable"));
        }

        return warnings;
    }
}
