namespace Tma.Research.Evaluation.Statistics;

/// <summary>A Kaplan–Meier survival curve: one step per distinct observed time, ascending.</summary>
public sealed class KaplanMeierCurve
{
    private readonly KaplanMeierStep[] _steps;
    private readonly double[] _times;

    internal KaplanMeierCurve(KaplanMeierStep[] steps, int n, int events, double confidenceLevel)
    {
        _steps = steps;
        _times = [.. steps.Select(s => s.Time)];
        N = n;
        Events = events;
        ConfidenceLevel = confidenceLevel;
    }

    /// <summary>Rows.</summary>
    public int N { get; }

    /// <summary>Events among them.</summary>
    public int Events { get; }

    /// <summary>Confidence level of the pointwise intervals.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>The steps, one per distinct time, ascending.</summary>
    public IReadOnlyList<KaplanMeierStep> Steps => _steps;

    /// <summary>S(t): the estimate just after time <paramref name="time"/> (1 before the first step).</summary>
    public double SurvivalAt(double time)
    {
        var i = LastStepAtOrBefore(time);
        return i < 0 ? 1.0 : _steps[i].Survival;
    }

    /// <summary>S(t−): the estimate just before time <paramref name="time"/>, the left limit used by inverse-probability-of-censoring weights.</summary>
    public double SurvivalBefore(double time)
    {
        var i = LastStepAtOrBefore(time);
        if (i >= 0 && _steps[i].Time == time)
        {
            i--;
        }

        return i < 0 ? 1.0 : _steps[i].Survival;
    }

    /// <summary>Rows under observation at <paramref name="time"/> (observed time ≥ it): the "number at risk" of survival plots.</summary>
    public int AtRisk(double time)
    {
        var first = FirstStepAtOrAfter(time);
        return first < _steps.Length ? _steps[first].AtRisk : 0;
    }

    /// <summary>
    /// The median: the first time at which S(t) ≤ 0.5, or NaN when the curve stays above 0.5. (R's <c>survfit</c> takes
    /// the midpoint when S(t) is exactly 0.5 over an interval; this takes the start of that interval.)
    /// </summary>
    public double Median
    {
        get
        {
            foreach (var step in _steps)
            {
                if (step.Survival <= 0.5)
                {
                    return step.Time;
                }
            }

            return double.NaN;
        }
    }

    private int LastStepAtOrBefore(double time) => FirstStepAtOrAfter(BitIncrement(time)) - 1;

    private int FirstStepAtOrAfter(double time)
    {
        var index = Array.BinarySearch(_times, time);
        return index >= 0 ? index : ~index;
    }

    private static double BitIncrement(double time) => Math.BitIncrement(time);
}
