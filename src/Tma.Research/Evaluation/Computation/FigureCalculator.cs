// One concern, kept in one file on purpose: turning collected scores into the report's figures. Each figure is a
// short call into Statistics/; the file is the single list of what the report contains and when a figure is skipped.
using System.Globalization;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation.Computation;

/// <summary>
/// Computes the figures of one score series from a collected <see cref="Sample"/> by calling the statistics in
/// <see cref="Statistics"/> (so report figures are exactly what those functions return), and records every figure it
/// cannot compute with the reason.
/// </summary>
internal sealed class FigureCalculator
{
    /// <summary>At most this many distinct scores get a bootstrap interval of the average precision (2 cells each).</summary>
    internal const int MaxDistinctForPrBootstrap = 5000;

    /// <summary>At most this many distinct scores get one histogram bin each; more are binned in <see cref="HistogramBins"/>.</summary>
    internal const int MaxDistinctBins = 60;

    internal const int HistogramBins = 40;

    /// <summary>
    /// The ROC band's bootstrap runs over at most this many groups of adjacent distinct scores (2 multinomial draws over
    /// them per resample), so a million distinct probabilities cost as much as 10,000.
    /// </summary>
    internal const int MaxRocBandCells = 10_000;

    private readonly Sample _sample;
    private readonly EvaluationOptions _options;
    private readonly BootstrapOptions? _bootstrap;
    private readonly List<SkippedFigure> _skipped = [];
    private readonly double _z;

    public FigureCalculator(Sample sample, EvaluationOptions options)
    {
        _sample = sample;
        _options = options;
        _bootstrap = options.BootstrapResamples > 0 ? new BootstrapOptions(options.Seed, options.BootstrapResamples, options.ConfidenceLevel) : null;
        _z = MathNet.Numerics.Distributions.Normal.InvCDF(0.0, 1.0, 0.5 + (options.ConfidenceLevel / 2.0));
    }

    public IReadOnlyList<SkippedFigure> Skipped => _skipped;

    private int N => _sample.Count;

    private ReadOnlySpan<bool> Outcomes => _sample.OutcomeSpan;

    public SampleSummary Summary(int series, int distinct)
    {
        var events = _sample.Events;
        return new SampleSummary
        {
            N = N,
            Events = events,
            NonEvents = N - events,
            BaseRate = WilsonInterval.Compute(events, N, _options.ConfidenceLevel),
            InsufficientRows = _sample.Insufficient[series],
            DistinctScores = distinct,
        };
    }

    public ScoreEvaluation Score(SeriesInput input, DistinctScores distinct)
    {
        var scores = _sample.ScoreSpan(input.Series);
        var outcomes = Outcomes;
        var auc = Auc.Compute(scores, outcomes, AucIntervalMethod.Wald, _options.ConfidenceLevel);
        var roc = RocCurve.Compute(scores, outcomes);
        var (partialAuc, youden) = DiscriminationFigures.Compute(distinct, _options, Skip);
        double sumWith = 0, sumWithout = 0;
        int with = 0;
        for (var i = 0; i < N; i++)
        {
            if (outcomes[i])
            {
                sumWith += scores[i];
                with++;
            }
            else
            {
                sumWithout += scores[i];
            }
        }

        return new ScoreEvaluation
        {
            Name = input.Name,
            IsProbability = input.NotProbabilityReason is null,
            Minimum = distinct.Values[0],
            Maximum = distinct.Values[^1],
            MeanWithOutcome = sumWith / with,
            MeanWithoutOutcome = sumWithout / (N - with),
            Auc = auc,
            Roc = RocCurve.Thin(roc, _options.MaxRocPoints),
            RocPointsTotal = roc.Count,
            PrecisionRecall = PrecisionRecall(scores, distinct),
            Distribution = Distribution(scores, distinct),
            Cutoffs = _options.Cutoffs.Count == 0 ? null : ScoreCutoffs(scores),
            PartialAuc = partialAuc,
            Youden = youden,
            RocBand = RocConfidenceBand(distinct),
        };
    }

    private RocBandResult? RocConfidenceBand(DistinctScores distinct)
    {
        if (_bootstrap is null)
        {
            Skip("score.rocBand", "the bootstrap is off (0 resamples)");
            return null;
        }

        var (with, without) = RocBand.Group(distinct.WithOutcome, distinct.WithoutOutcome, MaxRocBandCells);
        var band = RocBand.FromCounts(with, without, RocBand.DefaultSpecificities, _bootstrap);
        return with.Length < distinct.Count ? band with { ScoreGroups = with.Length } : band;
    }

    public CalibrationEvaluation Calibration(SeriesInput input)
    {
        if (input.NotProbabilityReason is { } reason)
        {
            Skip("calibration", reason);
            return new CalibrationEvaluation { Computed = false, SkippedReason = reason };
        }

        var p = _sample.ScoreSpan(input.Series);
        var y = Outcomes;
        var brier = Brier(p, y);
        CalibrationFit? fit = null;
        try
        {
            var cox = Statistics.Calibration.Fit(p, y);
            fit = new CalibrationFit
            {
                Intercept = Wald(cox.Intercept, cox.InterceptStandardError),
                Slope = Wald(cox.Slope, cox.SlopeStandardError),
                CalibrationInTheLarge = Wald(cox.CalibrationInTheLarge, cox.CalibrationInTheLargeStandardError),
                Iterations = cox.Iterations,
            };
        }
        catch (ArgumentException ex)
        {
            Skip("calibration.fit", ex.Message);
        }

        var ece = ExpectedCalibrationError.Compute(p, y, _options.CalibrationBins);
        HosmerLemeshowResult? hl = null;
        try
        {
            hl = HosmerLemeshow.Test(p, y, _options.HosmerLemeshowGroups);
        }
        catch (ArgumentException ex)
        {
            Skip("calibration.hosmerLemeshow", ex.Message);
        }

        IReadOnlyList<BandCalibration>? observedExpected = null;
        string? bands = null;
        if (input.Levels is { } levels && _sample.LevelRanks is { } ranks)
        {
            var order = levels.Select(l => l.Id).ToArray();
            observedExpected = ObservedExpected.ByBand(p, y, new LabelView<byte>(ranks[input.Series], N, order), order, _options.ConfidenceLevel);
            bands = "levels";
        }
        else if (_options.Cutoffs.Count > 0)
        {
            var (labels, ids) = CutoffBands(p);
            observedExpected = ObservedExpected.ByBand(p, y, new LabelView<byte>(ids, N, labels), labels, _options.ConfidenceLevel);
            bands = "cutoffs";
        }
        else
        {
            Skip("calibration.observedExpected", "there are no bands to compare observed and expected events in: the score has no levels and no cut-offs were given");
        }

        return new CalibrationEvaluation
        {
            Computed = true,
            Brier = brier,
            Fit = fit,
            ExpectedCalibrationError = ece,
            HosmerLemeshow = hl,
            ObservedExpectedBands = bands,
            ObservedExpected = observedExpected,
            Smooth = FlexibleCalibrationFigures.Smooth(p, y, _options, Skip),
            Spiegelhalter = FlexibleCalibrationFigures.Spiegelhalter(p, y),
        };
    }

    public DecisionCurveEvaluation? DecisionCurve(SeriesInput input) =>
        DecisionCurveFigures.Compute(_sample.ScoreSpan(input.Series), Outcomes, input.NotProbabilityReason is null, _options, Skip);

    public LevelEvaluation Levels(SeriesInput input)
    {
        if (input.Levels is not { } levels || _sample.LevelRanks is not { } allRanks)
        {
            const string reason = "the score comes from a dataset column, which has no levels; the per-band table is given for the requested cut-offs instead";
            Skip("levels", reason);
            return new LevelEvaluation { Computed = false, SkippedReason = reason };
        }

        var ranks = allRanks[input.Series];
        var outcomes = Outcomes;
        var n = new int[levels.Count];
        var events = new int[levels.Count];
        var rankScores = new double[N];
        for (var i = 0; i < N; i++)
        {
            n[ranks[i]]++;
            events[ranks[i]] += outcomes[i] ? 1 : 0;
            rankScores[i] = ranks[i];
        }

        var distribution = levels
            .Select((level, k) => new LevelCount(level.Id, level.Label, k, n[k], events[k], WilsonInterval.Compute(events[k], n[k], _options.ConfidenceLevel)))
            .ToArray();
        var order = levels.Select(l => l.Id).ToArray();
        var table = Statistics.CutoffTable.ForBands(new LabelView<byte>(ranks, N, order), outcomes, order, _options.ConfidenceLevel);
        return new LevelEvaluation
        {
            Computed = true,
            Distribution = distribution,
            Auc = Auc.Compute(rankScores, outcomes, AucIntervalMethod.Wald, _options.ConfidenceLevel),
            Cutoffs = WithIntervals(table, "levels.cutoffs"),
        };
    }

    public IReadOnlyList<SubgroupEvaluation> Subgroups(SeriesInput input)
    {
        var result = new List<SubgroupEvaluation>();
        foreach (var column in _sample.Groups)
        {
            if (column.Overflowed)
            {
                Skip($"subgroups.{column.Name}", string.Create(CultureInfo.InvariantCulture,
                    $"column `group:{column.Name}` has more than {_options.MaxGroupLabels} distinct labels; subgroups that small are not analysed (is it an identifier?)"));
                continue;
            }

            if (column.Labels.Count < 2)
            {
                Skip($"subgroups.{column.Name}", $"column `group:{column.Name}` has only one group, so there is nothing to compare");
                continue;
            }

            result.Add(Subgroup(input, column));
        }

        return result;
    }

    private SubgroupEvaluation Subgroup(SeriesInput input, GroupColumn column)
    {
        var scores = _sample.ScoreSpan(input.Series);
        var outcomes = Outcomes;
        var view = new LabelView<ushort>(column.Ids, N, column.Labels);
        var cutoffs = new List<SubgroupReport>();
        var flags = new bool[N];
        if (input.Levels is { } levels && _sample.LevelRanks is { } allRanks)
        {
            var ranks = allRanks[input.Series];
            for (var k = 1; k < levels.Count; k++)
            {
                for (var i = 0; i < N; i++)
                {
                    flags[i] = ranks[i] >= k;
                }

                cutoffs.Add(Statistics.Subgroups.ForFlags(flags, outcomes, view, "band ≥ " + levels[k].Id, _options.ConfidenceLevel));
            }
        }

        foreach (var t in _options.Cutoffs)
        {
            for (var i = 0; i < N; i++)
            {
                flags[i] = scores[i] >= t;
            }

            cutoffs.Add(Statistics.Subgroups.ForFlags(flags, outcomes, view, "score ≥ " + t.ToString("G6", CultureInfo.InvariantCulture), _options.ConfidenceLevel));
        }

        if (cutoffs.Count == 0)
        {
            Skip($"subgroups.{column.Name}.cutoffs", "there is no cut-off to compare error rates at: the score has no levels and no cut-offs were given");
        }

        var sortedLabels = column.Labels.Order(StringComparer.Ordinal).ToArray();
        var groupAuc = GroupAuc(scores, outcomes, column, sortedLabels);
        return new SubgroupEvaluation
        {
            Column = column.Name,
            Groups = sortedLabels,
            Auc = groupAuc,
            AucGap = SubgroupAucGaps.Largest(groupAuc, _options.ConfidenceLevel),
            Cutoffs = cutoffs,
            LargestTruePositiveRateGap = Largest(cutoffs, static r => r.TruePositiveRateGap),
            LargestFalsePositiveRateGap = Largest(cutoffs, static r => r.FalsePositiveRateGap),
        };
    }

    private List<SubgroupAuc> GroupAuc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes, GroupColumn column, string[] sortedLabels)
    {
        var k = column.Labels.Count;
        var n = new int[k];
        for (var i = 0; i < N; i++)
        {
            n[column.Ids[i]]++;
        }

        var groupScores = new double[k][];
        var groupOutcomes = new bool[k][];
        var fill = new int[k];
        for (var g = 0; g < k; g++)
        {
            groupScores[g] = new double[n[g]];
            groupOutcomes[g] = new bool[n[g]];
        }

        for (var i = 0; i < N; i++)
        {
            var g = column.Ids[i];
            groupScores[g][fill[g]] = scores[i];
            groupOutcomes[g][fill[g]++] = outcomes[i];
        }

        var result = new List<SubgroupAuc>(k);
        foreach (var label in sortedLabels)
        {
            var g = IndexOf(column.Labels, label);
            var events = groupOutcomes[g].Count(static o => o);
            AucResult? auc = null;
            if (events >= 2 && n[g] - events >= 2)
            {
                auc = Auc.Compute(groupScores[g], groupOutcomes[g], AucIntervalMethod.Wald, _options.ConfidenceLevel);
            }
            else
            {
                Skip($"subgroups.{column.Name}.auc.{label}", string.Create(CultureInfo.InvariantCulture,
                    $"group `{label}` has {events} row(s) with the outcome and {n[g] - events} without; the AUC with its DeLong interval needs at least 2 of each"));
            }

            result.Add(new SubgroupAuc(label, n[g], events, auc));
        }

        return result;
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static LargestGap? Largest(List<SubgroupReport> cutoffs, Func<SubgroupReport, SubgroupGap?> gap)
    {
        LargestGap? best = null;
        foreach (var report in cutoffs)
        {
            if (gap(report) is { } g && (best is null || g.Difference > best.Gap.Difference))
            {
                best = new LargestGap(report.CutoffLabel, g);
            }
        }

        return best;
    }

    private PrecisionRecallEvaluation PrecisionRecall(ReadOnlySpan<double> scores, DistinctScores distinct)
    {
        var ap = AveragePrecision.Compute(scores, Outcomes);
        BootstrapInterval? interval = null;
        if (_bootstrap is null)
        {
            Skip("score.precisionRecall.interval", "the bootstrap is off (0 resamples)");
        }
        else if (distinct.Count > MaxDistinctForPrBootstrap)
        {
            Skip("score.precisionRecall.interval", string.Create(CultureInfo.InvariantCulture,
                $"the score has {distinct.Count} distinct values; the bootstrap interval of the average precision is computed for at most {MaxDistinctForPrBootstrap} (it would re-rank every row per resample)"));
        }
        else
        {
            var cells = distinct.Cells();
            interval = CountBootstrap.Percentile(cells, 1, static (c, v) => v[0] = DistinctScores.AveragePrecision(c), _bootstrap)[0];

            // The estimate is the one the statistic gives on all rows.
            interval = interval with { Estimate = ap };
        }

        var curve = Statistics.PrecisionRecallCurve.FromCounts(distinct.Values, distinct.WithOutcome, distinct.WithoutOutcome);
        return new PrecisionRecallEvaluation
        {
            AveragePrecision = ap,
            ChanceLevel = (double)_sample.Events / N,
            Interval = interval,
            Curve = Statistics.PrecisionRecallCurve.Thin(curve, _options.MaxRocPoints),
            CurvePointsTotal = curve.Count,
        };
    }

    private ScoreDistribution Distribution(ReadOnlySpan<double> scores, DistinctScores distinct)
    {
        if (distinct.Count <= MaxDistinctBins)
        {
            return new ScoreDistribution
            {
                Binning = "distinct",
                Bins = [.. distinct.Values.Select((v, k) => new DistributionBin(v, v, distinct.WithOutcome[k], distinct.WithoutOutcome[k]))],
            };
        }

        // Equal-width bins. Scores on a lattice (points sums in steps of 1 or ½) get bins that each hold the same number
        // of lattice values, so that no bin gets two values where its neighbour gets one.
        var min = distinct.Values[0];
        var max = distinct.Values[^1];
        var step = Lattice(distinct.Values);
        var perBin = step > 0 ? Math.Ceiling((Math.Round((max - min) / step) + 1) / HistogramBins) : 0;
        var width = step > 0 ? perBin * step : (max - min) / HistogramBins;
        var count = step > 0 ? (int)Math.Ceiling((Math.Round((max - min) / step) + 1) / perBin) : HistogramBins;
        var with = new int[count];
        var without = new int[count];
        var outcomes = Outcomes;
        for (var i = 0; i < scores.Length; i++)
        {
            var b = step > 0
                ? Math.Clamp((int)(Math.Round((scores[i] - min) / step) / perBin), 0, count - 1)
                : Math.Clamp((int)((scores[i] - min) / width), 0, count - 1);
            if (outcomes[i])
            {
                with[b]++;
            }
            else
            {
                without[b]++;
            }
        }

        return new ScoreDistribution
        {
            Binning = "equal-width",
            Bins = [.. Enumerable.Range(0, count).Select(b => new DistributionBin(min + (b * width), step > 0 || b < count - 1 ? min + ((b + 1) * width) : max, with[b], without[b]))],
        };
    }

    /// <summary>The step of the lattice the distinct values lie on (their smallest gap), or 0 when they lie on none.</summary>
    private static double Lattice(double[] ascending)
    {
        var step = double.PositiveInfinity;
        for (var k = 1; k < ascending.Length; k++)
        {
            step = Math.Min(step, ascending[k] - ascending[k - 1]);
        }

        if (!(step > 0) || double.IsInfinity(step))
        {
            return 0;
        }

        foreach (var v in ascending)
        {
            var units = (v - ascending[0]) / step;
            if (Math.Abs(units - Math.Round(units)) > 1e-6)
            {
                return 0;
            }
        }

        return step;
    }

    private CutoffEvaluation ScoreCutoffs(ReadOnlySpan<double> scores)
    {
        var table = Statistics.CutoffTable.AtThresholds(scores, Outcomes, [.. _options.Cutoffs], _options.ConfidenceLevel);
        return WithIntervals(table, "score.cutoffs");
    }

    private CutoffEvaluation WithIntervals(CutoffTableResult table, string figure)
    {
        if (_bootstrap is null)
        {
            Skip(figure + ".intervals", "the bootstrap is off (0 resamples), so NND and NSD have no intervals");
        }

        var rows = table.Rows.Select(row =>
        {
            if (_bootstrap is null)
            {
                return new CutoffFigures(row, null, null);
            }

            var intervals = CountBootstrap.NumberNeeded(row.TruePositives, row.FalsePositives, row.TrueNegatives, row.FalseNegatives, _bootstrap);
            return new CutoffFigures(row, intervals.NumberNeededToDetain, intervals.NumberSafelyDischarged);
        }).ToArray();
        return new CutoffEvaluation { N = table.N, Events = table.Events, BaseRate = table.BaseRate, Rows = rows };
    }

    private BrierEvaluation Brier(ReadOnlySpan<double> p, ReadOnlySpan<bool> y)
    {
        var estimate = BrierScore.Compute(p, y);

        // Welford's update for the variance of the squared errors.
        double mean = 0, m2 = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var d = p[i] - (y[i] ? 1.0 : 0.0);
            var e = d * d;
            var delta = e - mean;
            mean += delta / (i + 1);
            m2 += delta * (e - mean);
        }

        var se = p.Length > 1 ? Math.Sqrt(m2 / (p.Length - 1) / p.Length) : double.NaN;
        var rate = (double)_sample.Events / N;
        var reference = rate * (1.0 - rate);
        return new BrierEvaluation
        {
            Estimate = estimate,
            StandardError = se,
            Lower = Math.Max(0.0, estimate - (_z * se)),
            Upper = Math.Min(1.0, estimate + (_z * se)),
            Reference = reference,
            Skill = 1.0 - (estimate / reference),
        };
    }

    private WaldEstimate Wald(double estimate, double se) => new(estimate, se, estimate - (_z * se), estimate + (_z * se));

    /// <summary>Bands between the sorted distinct cut-offs: "&lt; c₁", "c₁ – c₂", …, "≥ c_k".</summary>
    private (string[] Labels, byte[] Ids) CutoffBands(ReadOnlySpan<double> scores)
    {
        var cuts = _options.Cutoffs.Distinct().Order().ToArray();
        var labels = new string[cuts.Length + 1];
        var invariant = CultureInfo.InvariantCulture;
        labels[0] = "< " + cuts[0].ToString("G6", invariant);
        for (var k = 1; k < cuts.Length; k++)
        {
            labels[k] = cuts[k - 1].ToString("G6", invariant) + " – " + cuts[k].ToString("G6", invariant);
        }

        labels[^1] = "≥ " + cuts[^1].ToString("G6", invariant);
        var ids = new byte[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var band = 0;
            while (band < cuts.Length && scores[i] >= cuts[band])
            {
                band++;
            }

            ids[i] = (byte)band;
        }

        return (labels, ids);
    }

    private void Skip(string figure, string reason) => _skipped.Add(new SkippedFigure(figure, reason));
}
