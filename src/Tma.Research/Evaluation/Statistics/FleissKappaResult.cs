namespace Tma.Research.Evaluation.Statistics;

/// <summary>Fleiss' κ for several raters.</summary>
/// <param name="Kappa">(P̄ − P̄_e) / (1 − P̄_e).</param>
/// <param name="ObservedAgreement">P̄, the mean over subjects of the share of agreeing rater pairs.</param>
/// <param name="ExpectedAgreement">P̄_e = Σ_j p_j², with p_j the share of all ratings in category j.</param>
/// <param name="Subjects">Number of subjects.</param>
/// <param name="RatersPerSubject">Number of ratings per subject.</param>
/// <param name="CategoryProportions">p_j for every category.</param>
public sealed record FleissKappaResult(
    double Kappa, double ObservedAgreement, double ExpectedAgreement, int Subjects, int RatersPerSubject, IReadOnlyList<double> CategoryProportions);
