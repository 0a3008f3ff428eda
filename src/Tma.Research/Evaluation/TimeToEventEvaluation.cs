using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation;

/// <summary>
/// The time-to-event figures of a score when the dataset has a follow-up time column (<c>tma evaluate --time</c>): the
/// outcome is then the event indicator (1 = event at that time, 0 = censored then). Property names are the stable
/// names of <c>report.json</c>'s <c>timeToEvent</c> section (docs/evaluation.md); formulas in docs/statistics.md.
/// </summary>
public sealed record TimeToEventEvaluation
{
    /// <summary>The follow-up time column.</summary>
    public required string TimeColumn { get; init; }

    /// <summary>τ of Uno's C and the time-dependent AUC, in the time column's unit.</summary>
    public required double Horizon { get; init; }

    /// <summary>Where τ came from: <c>option</c> (--horizon) or <c>75th percentile of event times</c>.</summary>
    public required string HorizonSource { get; init; }

    /// <summary>Rows.</summary>
    public required int N { get; init; }

    /// <summary>Rows with the event.</summary>
    public required int Events { get; init; }

    /// <summary>Rows censored.</summary>
    public required int Censored { get; init; }

    /// <summary>Longest observed follow-up time.</summary>
    public required double MaximumTime { get; init; }

    /// <summary>Median follow-up by the reverse Kaplan–Meier method (Schemper &amp; Smith 1996); NaN when fewer than half are censored before the end.</summary>
    public required double MedianFollowUp { get; init; }

    /// <summary>Harrell's C of the score with its infinitesimal-jackknife interval; null when no pair is comparable.</summary>
    public ConcordanceResult? HarrellC { get; init; }

    /// <summary>Uno's C truncated at <see cref="Horizon"/>; null when no comparable pair has its event before τ.</summary>
    public double? UnoC { get; init; }

    /// <summary>Cumulative/dynamic AUC at <see cref="Horizon"/> (IPCW); null when there is no case or no control at τ.</summary>
    public TimeDependentAucResult? TimeDependentAuc { get; init; }

    /// <summary>Whether <see cref="Curves"/> after the first are per level of the model's output (<c>level</c>) or absent (<c>none</c>).</summary>
    public required string CurvesBy { get; init; }

    /// <summary>Kaplan–Meier curves: all rows first, then one per level (lowest first) when there are levels.</summary>
    public required IReadOnlyList<SurvivalCurveSummary> Curves { get; init; }

    /// <summary>The times at which <see cref="SurvivalCurveSummary.NumberAtRisk"/> counts the rows at risk (0 and evenly spaced "round" times).</summary>
    public required IReadOnlyList<double> AtRiskTimes { get; init; }

    /// <summary>Log-rank test across the levels; null without levels or with fewer than 2 non-empty levels.</summary>
    public LogRankSummary? LogRank { get; init; }
}

/// <summary>One Kaplan–Meier curve of the report, thinned for plotting.</summary>
/// <param name="Label">"all rows" or the level id.</param>
/// <param name="N">Rows.</param>
/// <param name="Events">Events among them.</param>
/// <param name="MedianSurvival">First time with S(t) ≤ 0.5; NaN when the curve stays above.</param>
/// <param name="Points">Steps at event times (and the start, t = 0, S = 1), at most a few hundred: evenly thinned when there are more.</param>
/// <param name="EventTimesTotal">Distinct event times of the full curve.</param>
/// <param name="Censorings">Censoring marks (time, S at that time), thinned like <paramref name="Points"/>.</param>
/// <param name="NumberAtRisk">Rows at risk at each of <see cref="TimeToEventEvaluation.AtRiskTimes"/>.</param>
public sealed record SurvivalCurveSummary(
    string Label, int N, int Events, double MedianSurvival, IReadOnlyList<SurvivalPoint> Points, int EventTimesTotal, IReadOnlyList<CensoringMark> Censorings, IReadOnlyList<int> NumberAtRisk);

/// <summary>S(t) just after an event time with its pointwise log-log interval.</summary>
/// <param name="Time">The time.</param>
/// <param name="Survival">S(t).</param>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
/// <param name="AtRisk">Rows at risk just before t.</param>
public sealed record SurvivalPoint(double Time, double Survival, double Lower, double Upper, int AtRisk);

/// <summary>A censoring time on a curve.</summary>
/// <param name="Time">The time.</param>
/// <param name="Survival">S(t) there (where the plot draws the tick).</param>
/// <param name="Count">Rows censored at this time.</param>
public sealed record CensoringMark(double Time, double Survival, int Count);

/// <summary>The log-rank test across levels.</summary>
/// <param name="ChiSquare">χ².</param>
/// <param name="DegreesOfFreedom">Degrees of freedom (levels with rows − 1, lower when a level has no one at risk at any event time).</param>
/// <param name="PValue">P(χ²_df ≥ χ²).</param>
/// <param name="Groups">Observed and expected events per level with rows.</param>
public sealed record LogRankSummary(double ChiSquare, int DegreesOfFreedom, double PValue, IReadOnlyList<LogRankLevel> Groups);

/// <summary>Observed and expected events of one level.</summary>
/// <param name="Level">Level id.</param>
/// <param name="N">Rows.</param>
/// <param name="Observed">Events observed.</param>
/// <param name="Expected">Events expected under equal survival.</param>
public sealed record LogRankLevel(string Level, int N, int Observed, double Expected);
