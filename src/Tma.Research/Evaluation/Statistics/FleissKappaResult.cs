namespace Tma.Research.Evaluation.Statistics;

/// <summary>Fleiss' κ for several raters.</summary>
/// <param name="Kappa">(P̄ − P̄_e) / (1 − P̄_e).</param>
/// <param name="ObservedAgreement">P̄, the mean over subjects of the share of agreeing rater pairs.</param>
/// <param name="ExpectedAgreement">P̄_e = Σ_j p_j², with p_j the share of all ratings in category j.</param>
/// <param name="Subjects">Number of subjects.</param>
/// <param name="RatersPerSubject">Number of ratings per subject.</param>
/// <param name="CategoryProportions">p_j for every category.</param>
public sealed record FleissKappaResult(
    double Kappa, double ObservedAgreement, double ExpectedAgreement, int Subjects, int RatersPerSubject, IReadOnlyList<double> CategoryProportions)
{
    /// <summary>Standard error of κ under H0: κ = 0 (Fleiss, Nee &amp; Landis 1979); there is no closed-form SE for the interval.</summary>
    public double? StandardErrorNull { get; init; }

    /// <summary>z = κ / SE₀ (as <c>irr::kappam.fleiss</c> reports it).</summary>
    public double? Z { get; init; }

    /// <summary>Two-sided p-value of <see cref="Z"/>.</summary>
    public double? PValue { get; init; }

    /// <summary>κ_j of each category j (agreement on "j or not j"); NaN for a category with p_j = 0.</summary>
    public IReadOnlyList<double>? CategoryKappas { get; init; }

    /// <summary>SE₀ of every κ_j, √(2 / (N r (r − 1))) — the same for all categories.</summary>
    public double? CategoryStandardErrorNull { get; init; }

    /// <summary>z_j = κ_j / SE₀ per category.</summary>
    public IReadOnlyList<double>? CategoryZ { get; init; }

    /// <summary>Two-sided p-value of each z_j.</summary>
    public IReadOnlyList<double>? CategoryPValues { get; init; }
}
