using Tma.Models.Cases;
using Tma.Models.Definitions;

namespace Tma.Scoring.Outcome;

/// <summary>The lowest and highest level (and score) any completion of a case can reach.</summary>
/// <param name="LowestRank">Rank of the lowest reachable level.</param>
/// <param name="HighestRank">Rank of the highest reachable level.</param>
/// <param name="LowestScore">Lowest reachable score; null under the highest-level policy.</param>
/// <param name="HighestScore">Highest reachable score; null under the highest-level policy.</param>
internal readonly record struct RankRange(int LowestRank, int HighestRank, double? LowestScore, double? HighestScore)
{
    public bool IsFixed => LowestRank == HighestRank;
}

/// <summary>
/// Bounds the level a rules model can give a case once its open items (unknown, stale, contested) are answered, by
/// following the model's own policy over the abstract values of <see cref="AbstractEvaluator"/>: which indicators must
/// and which can fire, the score range under the aggregation policy (with proration, if the model prorates), the bands
/// that range meets, and the critical-item overrides that must or can apply. The bounds are sound: no completion
/// leaves them. They can be loose where a condition reads the same input twice.
/// </summary>
internal sealed class LevelBounds
{
    private readonly ModelDefinition _model;
    private readonly ScoringDefinition _scoring;
    private readonly int[] _indicatorLevel;
    private readonly int[] _minimumLevel;
    private readonly int[] _required;

    public LevelBounds(ModelDefinition model)
    {
        _model = model;
        _scoring = model.Scoring ?? throw new InvalidOperationException($"Model {model.Id} has no scoring section.");
        _indicatorLevel = [.. model.Indicators.Select(i => i.Level is { } level ? model.LevelIndex(level) : -1)];
        _minimumLevel = [.. model.Indicators.Select(i => i.MinimumLevel is { } minimum ? model.LevelIndex(minimum) : -1)];
        _required = [.. Enumerable.Range(0, model.Inputs.Count).Where(i => model.Inputs[i].Required)];
    }

    /// <param name="data">The resolved case.</param>
    /// <param name="norm">The band set in use; null under the highest-level policy.</param>
    public RankRange Compute(ResolvedCase data, NormSet? norm)
    {
        var evaluator = new AbstractEvaluator(_model, data);
        var indicators = _model.Indicators;
        var truth = new TruthSet[indicators.Count];
        for (var i = 0; i < truth.Length; i++)
        {
            truth[i] = evaluator.Truth(indicators[i].Condition);
        }

        int lowRank;
        int highRank;
        double? lowScore = null;
        double? highScore = null;
        if (_scoring.Policy == AggregationPolicy.HighestLevel)
        {
            // The highest level named by a fired indicator, 0 when none fires.
            lowRank = 0;
            highRank = 0;
            for (var i = 0; i < truth.Length; i++)
            {
                if (_indicatorLevel[i] < 0)
                {
                    continue;
                }

                lowRank = MustFire(truth[i]) ? Math.Max(lowRank, _indicatorLevel[i]) : lowRank;
                highRank = CanFire(truth[i]) ? Math.Max(highRank, _indicatorLevel[i]) : highRank;
            }
        }
        else
        {
            var (lo, hi) = ScoreRange(evaluator, truth);
            (lo, hi) = Prorated(data, lo, hi);
            lowScore = lo;
            highScore = hi;
            (lowRank, highRank) = norm is null ? ((int)lo, (int)hi) : Bands(norm, lo, hi);
        }

        // Critical-item overrides raise the level to their minimum when their indicator fires.
        var highestBefore = highRank;
        for (var i = 0; i < truth.Length; i++)
        {
            if (_minimumLevel[i] < 0)
            {
                continue;
            }

            lowRank = MustFire(truth[i]) ? Math.Max(lowRank, _minimumLevel[i]) : lowRank;
            highRank = CanFire(truth[i]) ? Math.Max(highRank, _minimumLevel[i]) : highRank;
        }

        highRank = Math.Max(highRank, Math.Max(lowRank, highestBefore));
        return new RankRange(lowRank, highRank, lowScore, highScore);
    }

    /// <summary>The condition is true in every completion.</summary>
    public static bool MustFire(TruthSet set) => set == TruthSet.True;

    /// <summary>The condition is true in some completion.</summary>
    public static bool CanFire(TruthSet set) => set.Has(TruthSet.True);

    private (double Lo, double Hi) ScoreRange(AbstractEvaluator evaluator, TruthSet[] truth)
    {
        if (_scoring.Score is { } custom)
        {
            // A score expression is evaluated on the inputs; unknown counts 0, as in the runtime.
            var range = evaluator.Number(custom).UnknownAs(0);
            return (range.Lo, range.Hi);
        }

        var lo = 0.0;
        var hi = 0.0;
        for (var i = 0; i < truth.Length; i++)
        {
            if (!CanFire(truth[i]))
            {
                continue;
            }

            var (cLo, cHi) = Contribution(evaluator, i);
            if (MustFire(truth[i]))
            {
                lo += cLo;
                hi += cHi;
            }
            else
            {
                // It may also not fire and contribute nothing.
                lo += Math.Min(0, cLo);
                hi += Math.Max(0, cHi);
            }
        }

        return (lo, hi);
    }

    private (double Lo, double Hi) Contribution(AbstractEvaluator evaluator, int i)
    {
        var indicator = _model.Indicators[i];
        if (_scoring.Policy == AggregationPolicy.Count)
        {
            return (1, 1);
        }

        var points = indicator.PointsExpression is { } expression
            ? evaluator.Number(expression).UnknownAs(0)
            : Abstract(indicator.Points);
        if (_scoring.Policy != AggregationPolicy.Weighted)
        {
            return (points.Lo, points.Hi);
        }

        var w = indicator.Weight;
        return w >= 0 ? (Times(points.Lo, w), Times(points.Hi, w)) : (Times(points.Hi, w), Times(points.Lo, w));

        static NumberRange Abstract(double value) => NumberRange.Point(value);

        static double Times(double a, double b) => a == 0 || b == 0 ? 0 : a * b;
    }

    // Proration multiplies the score by R / (R − m) for m omitted required inputs, 0 < m ≤ allowed and m < R; a completion
    // answers any number of the currently omitted inputs, so every such factor up to the current one is reachable.
    private (double Lo, double Hi) Prorated(ResolvedCase data, double lo, double hi)
    {
        var policy = _model.MissingData;
        if (policy.Mode != MissingDataMode.Prorate)
        {
            return (lo, hi);
        }

        var omitted = _required.Count(i => data.Values[i] is null);
        var m = Math.Min(omitted, policy.MaxOmitted);
        if (m >= _required.Length)
        {
            m = _required.Length - 1;
        }

        if (m <= 0)
        {
            return (lo, hi);
        }

        var factor = (double)_required.Length / (_required.Length - m);
        return (Math.Min(lo, lo * factor), Math.Max(hi, hi * factor));
    }

    private (int Low, int High) Bands(NormSet norm, double lo, double hi)
    {
        var low = int.MaxValue;
        var high = int.MinValue;
        foreach (var band in norm.Bands)
        {
            // A band [From, To) meets the score range [lo, hi].
            if ((band.From is null || hi >= band.From) && (band.To is null || lo < band.To))
            {
                var rank = _model.LevelIndex(band.Level);
                low = Math.Min(low, rank);
                high = Math.Max(high, rank);
            }
        }

        if (low == int.MaxValue)
        {
            throw new InvalidOperationException($"The score range [{lo}, {hi}] meets no band of norm {norm.Id}.");
        }

        return (low, high);
    }
}
