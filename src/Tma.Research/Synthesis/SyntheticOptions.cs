using System.Globalization;

namespace Tma.Research.Synthesis;

/// <summary>Settings of the latent-risk process behind <c>tma synth</c>. Immutable; see docs/datasets.md for the formulas.</summary>
public sealed record SyntheticOptions
{
    /// <summary>Number of rows to generate; default 10,000.</summary>
    public int Rows { get; init; } = 10_000;

    /// <summary>Seed of the random generator; the same seed, model and options give a byte-identical file. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Target share of outcome 1 over the whole population, in (0, 1); default 0.2.</summary>
    public double BaseRate { get; init; } = 0.2;

    /// <summary>Slope β of the outcome's log-odds in θ; default 1.5.</summary>
    public double Beta { get; init; } = 1.5;

    /// <summary>Shift of θ in the last subgroup (<c>site_b</c> or <c>site_c</c>); default 0.5.</summary>
    public double GroupShift { get; init; } = 0.5;

    /// <summary>Number of subgroups in the <c>group:site</c> column, 2 or 3; default 2.</summary>
    public int GroupCount { get; init; } = 2;

    /// <summary>Probability that an input's cell is empty, independently of everything (MCAR), in [0, 1); default 0.</summary>
    public double MissingRate { get; init; }

    /// <summary>
    /// Length F of the follow-up window, or null (default) for no time column. When set, a <c>time</c> column is
    /// written: a row with outcome 1 had its event at a time drawn from a constant hazard λ = −ln(1 − p)/F (p its event
    /// probability), truncated to [0, F]; a row with outcome 0 is censored at F (administrative censoring: everyone is
    /// followed for F, so the outcome keeps its meaning "event within the follow-up" and the truth is unchanged).
    /// Times come from their own random stream, so the other columns are the same with and without it.
    /// </summary>
    public double? FollowUp { get; init; }

    /// <summary>Every problem with these settings (empty when they are valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Rows < 1)
        {
            problems.Add("rows must be at least 1");
        }

        if (!(BaseRate > 0 && BaseRate < 1))
        {
            problems.Add("the base rate must be strictly between 0 and 1");
        }

        if (!double.IsFinite(Beta) || Math.Abs(Beta) > 20)
        {
            problems.Add("beta must be a finite number in [-20, 20]");
        }

        if (!double.IsFinite(GroupShift) || Math.Abs(GroupShift) > 10)
        {
            problems.Add("the group shift must be a finite number in [-10, 10]");
        }

        if (GroupCount is not (2 or 3))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the number of groups must be 2 or 3, not {GroupCount}"));
        }

        if (FollowUp is { } followUp && !(double.IsFinite(followUp) && followUp > 0))
        {
            problems.Add("the follow-up must be a positive finite time");
        }

        if (!(MissingRate >= 0 && MissingRate < 1))
        {
            problems.Add("the missing rate must be in [0, 1)");
        }

        return problems;
    }
}
