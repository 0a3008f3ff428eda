using System.Globalization;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation.Computation;

/// <summary>
/// The time-to-event section of one score series: Kaplan–Meier curves overall and per level, the log-rank test across
/// levels, Harrell's C, Uno's C and the time-dependent AUC at the horizon. Every statistic is O(N log N) (a few sorts
/// of the sample), so a million rows take well under a second; nothing here is bootstrapped.
/// </summary>
internal static class TimeToEventCalculator
{
    /// <summary>The most event-time points (and censoring marks) a curve keeps in the report.</summary>
    internal const int MaxCurvePoints = 200;

    /// <summary>The share of event times at or before the default horizon.</summary>
    internal const double DefaultHorizonQuantile = 0.75;

    public static TimeToEventEvaluation? Compute(Sample sample, SeriesInput input, EvaluationOptions options, List<SkippedFigure> skipped)
    {
        if (options.TimeColumn is not { } column || sample.Times is not { } allTimes)
        {
            return null;
        }

        var n = sample.Count;
        var times = allTimes.AsSpan(0, n);
        var events = sample.OutcomeSpan;
        var scores = sample.ScoreSpan(input.Series);
        var eventCount = sample.Events;
        var maximum = 0.0;
        foreach (var time in times)
        {
            maximum = Math.Max(maximum, time);
        }
        var horizon = options.Horizon ?? DefaultHorizon(times, events, eventCount);
        var horizonSource = options.Horizon is null ? "75th percentile of event times" : "option";
        var censoring = CensoringWeights.Estimate(times, events);

        var harrell = HarrellC.Compute(times, events, scores, options.ConfidenceLevel);
        if (double.IsNaN(harrell.C))
        {
            skipped.Add(new SkippedFigure("timeToEvent.harrellC", "no pair of rows is comparable (a comparable pair needs an event before the other row's follow-up ends)"));
        }

        double? uno = null;
        TimeDependentAucResult? auc = null;
        if (horizon > 0)
        {
            var c = UnoC.Compute(times, events, scores, horizon);
            if (double.IsNaN(c))
            {
                skipped.Add(new SkippedFigure("timeToEvent.unoC", string.Create(CultureInfo.InvariantCulture, $"no comparable pair has its event before the horizon {horizon:G6}")));
            }
            else
            {
                uno = c;
            }

            var td = TimeDependentAuc.Compute(times, events, scores, horizon);
            if (double.IsNaN(td.Auc))
            {
                skipped.Add(new SkippedFigure("timeToEvent.timeDependentAuc", string.Create(CultureInfo.InvariantCulture,
                    $"at the horizon {horizon:G6} there are {td.Cases} case(s) (event by then) and {td.Controls} control(s) (event-free after it); both are needed")));
            }
            else
            {
                auc = td;
            }
        }
        else
        {
            const string reason = "the horizon (75th percentile of the event times) is 0; give --horizon";
            skipped.Add(new SkippedFigure("timeToEvent.unoC", reason));
            skipped.Add(new SkippedFigure("timeToEvent.timeDependentAuc", reason));
        }

        var atRiskTimes = AtRiskTimes(maximum);
        var curves = new List<SurvivalCurveSummary> { Curve("all rows", KaplanMeier.Estimate(times, events, options.ConfidenceLevel), atRiskTimes) };
        LogRankSummary? logRank = null;
        var curvesBy = "none";
        if (input.Levels is { } levels && sample.LevelRanks is { } allRanks)
        {
            curvesBy = "level";
            var ranks = allRanks[input.Series].AsSpan(0, n);
            var present = new List<int>();
            for (var level = 0; level < levels.Count; level++)
            {
                var rows = new List<int>();
                for (var i = 0; i < n; i++)
                {
                    if (ranks[i] == level)
                    {
                        rows.Add(i);
                    }
                }

                if (rows.Count == 0)
                {
                    continue;
                }

                present.Add(level);
                var levelTimes = new double[rows.Count];
                var levelEvents = new bool[rows.Count];
                for (var r = 0; r < rows.Count; r++)
                {
                    levelTimes[r] = times[rows[r]];
                    levelEvents[r] = events[rows[r]];
                }

                curves.Add(Curve(levels[level].Id, KaplanMeier.Estimate(levelTimes, levelEvents, options.ConfidenceLevel), atRiskTimes));
            }

            if (present.Count >= 2)
            {
                var index = new int[levels.Count];
                for (var p = 0; p < present.Count; p++)
                {
                    index[present[p]] = p;
                }

                var groups = new int[n];
                for (var i = 0; i < n; i++)
                {
                    groups[i] = index[ranks[i]];
                }

                var test = LogRank.Test(times, events, groups, present.Count);
                logRank = new LogRankSummary(test.ChiSquare, test.DegreesOfFreedom, test.PValue,
                    [.. test.Groups.Select(g => new LogRankLevel(levels[present[g.Group]].Id, g.N, g.Observed, g.Expected))]);
            }
            else
            {
                skipped.Add(new SkippedFigure("timeToEvent.logRank", "fewer than 2 levels have rows"));
            }
        }
        else
        {
            skipped.Add(new SkippedFigure("timeToEvent.logRank", "the score has no levels to compare survival across (a score column)"));
        }

        return new TimeToEventEvaluation
        {
            TimeColumn = column,
            Horizon = horizon,
            HorizonSource = horizonSource,
            N = n,
            Events = eventCount,
            Censored = n - eventCount,
            MaximumTime = maximum,
            MedianFollowUp = censoring.Censoring.Median,
            HarrellC = double.IsNaN(harrell.C) ? null : harrell,
            UnoC = uno,
            TimeDependentAuc = auc,
            CurvesBy = curvesBy,
            Curves = curves,
            AtRiskTimes = atRiskTimes,
            LogRank = logRank,
        };
    }

    /// <summary>
    /// The 75th percentile of the event times (the smallest event time t with at least 75 % of the events at or before
    /// it): three quarters of the events are cases at τ, and τ lies before the end of follow-up, so there are controls.
    /// (The percentile of all follow-up times would often be the end of follow-up itself under administrative censoring.)
    /// </summary>
    internal static double DefaultHorizon(ReadOnlySpan<double> times, ReadOnlySpan<bool> events, int eventCount)
    {
        if (eventCount == 0)
        {
            return 0;
        }

        var eventTimes = new double[eventCount];
        var e = 0;
        for (var i = 0; i < times.Length; i++)
        {
            if (events[i])
            {
                eventTimes[e++] = times[i];
            }
        }

        Array.Sort(eventTimes);
        return eventTimes[Math.Max(0, (int)Math.Ceiling(DefaultHorizonQuantile * eventCount) - 1)];
    }

    /// <summary>0 and multiples of a round step (1, 2, 2.5 or 5 × 10^k) up to the last time, four or five of them.</summary>
    internal static double[] AtRiskTimes(double maximum)
    {
        if (!(maximum > 0))
        {
            return [0];
        }

        var raw = maximum / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw * 0.999999);
        var result = new List<double>();
        for (var k = 0; k * step <= maximum * (1 + 1e-12); k++)
        {
            result.Add(k * step);
        }

        return [.. result];
    }

    private static SurvivalCurveSummary Curve(string label, KaplanMeierCurve curve, double[] atRiskTimes)
    {
        var eventSteps = curve.Steps.Where(s => s.Events > 0).ToList();
        var censorSteps = curve.Steps.Where(s => s.Censored > 0).ToList();
        var points = new List<SurvivalPoint> { new(0, 1, 1, 1, curve.N) };
        points.AddRange(Thin(eventSteps).Select(s => new SurvivalPoint(s.Time, s.Survival, s.Lower, s.Upper, s.AtRisk)));
        return new SurvivalCurveSummary(
            label,
            curve.N,
            curve.Events,
            curve.Median,
            points,
            eventSteps.Count,
            [.. Thin(censorSteps).Select(s => new CensoringMark(s.Time, s.Survival, s.Censored))],
            [.. atRiskTimes.Select(curve.AtRisk)]);
    }

    /// <summary>At most <see cref="MaxCurvePoints"/> steps, evenly spaced by index, always keeping the last.</summary>
    private static IEnumerable<KaplanMeierStep> Thin(List<KaplanMeierStep> steps)
    {
        if (steps.Count <= MaxCurvePoints)
        {
            return steps;
        }

        return Enumerable.Range(0, MaxCurvePoints).Select(k => steps[(int)Math.Round((double)k * (steps.Count - 1) / (MaxCurvePoints - 1))]);
    }
}
