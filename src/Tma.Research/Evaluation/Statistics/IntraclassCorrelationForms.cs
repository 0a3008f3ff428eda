using MathNet.Numerics.Distributions;

namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// F tests and exact F-distribution confidence intervals of the six ICC forms, as <c>psych::ICC</c> computes them
/// (McGraw &amp; Wong 1996, Psychol Methods 1:30–46, Tables 7–8; Shrout &amp; Fleiss 1979, Psychol Bull 86:420–428).
/// ICC(2,·)'s interval uses Satterthwaite's approximate df for the denominator mean square.
/// </summary>
internal static class IntraclassCorrelationForms
{
    private const double Level = 0.95;

    public static IReadOnlyList<IntraclassCorrelationForm> Compute(IntraclassCorrelationResult r)
    {
        double n = r.Subjects, k = r.Raters;
        double msr = r.MeanSquareSubjects, msc = r.MeanSquareRaters, mse = r.MeanSquareError, msw = r.MeanSquareWithin;
        var tail = 1 - ((1 - Level) / 2);
        double dfSubjects = n - 1, dfWithin = n * (k - 1), dfError = (n - 1) * (k - 1);

        // One-way: F₁ = MSR/MSW; F_L = F₁ / F_{1−α/2}(n−1, n(k−1)), F_U = F₁ · F_{1−α/2}(n(k−1), n−1).
        var f1 = msr / msw;
        var f1Lower = f1 / FQuantile(tail, dfSubjects, dfWithin);
        var f1Upper = f1 * FQuantile(tail, dfWithin, dfSubjects);

        // Two-way: F₃ = MSR/MSE with (n−1, (n−1)(k−1)) df, the test of ICC(2,·) and ICC(3,·).
        var f3 = msr / mse;
        var f3Lower = f3 / FQuantile(tail, dfSubjects, dfError);
        var f3Upper = f3 * FQuantile(tail, dfError, dfSubjects);

        // ICC(2,1) (McGraw & Wong Table 7, case 2A): with F_J = MSC/MSE and ρ = ICC(2,1),
        // v = (k−1)(n−1)(kρF_J + n(1 + (k−1)ρ) − kρ)² / ((n−1)k²ρ²F_J² + (n(1 + (k−1)ρ) − kρ)²);
        // L = n(MSR − F*·MSE) / (F*(k·MSC + (kn − k − n)MSE) + n·MSR), F* = F_{1−α/2}(n−1, v);
        // U = n(F**·MSR − MSE) / (k·MSC + (kn − k − n)MSE + n·F**·MSR), F** = F_{1−α/2}(v, n−1).
        var rho = r.Icc21;
        var fj = msc / mse;
        var a = (n * (1 + ((k - 1) * rho))) - (k * rho);
        var v = (k - 1) * (n - 1) * Math.Pow((k * rho * fj) + a, 2) / (((n - 1) * k * k * rho * rho * fj * fj) + (a * a));
        var fStar = FQuantile(tail, dfSubjects, v);
        var fStarStar = FQuantile(tail, v, dfSubjects);
        var icc2Lower = n * (msr - (fStar * mse)) / ((fStar * ((k * msc) + (((k * n) - k - n) * mse))) + (n * msr));
        var icc2Upper = n * ((fStarStar * msr) - mse) / ((k * msc) + (((k * n) - k - n) * mse) + (n * fStarStar * msr));

        double Single(double f) => double.IsPositiveInfinity(f) ? 1 : (f - 1) / (f + k - 1);
        double Average(double f) => 1 - (1 / f);
        double Mean(double single) => k * single / (1 + ((k - 1) * single));

        const string oneWay = "one-way random";
        const string absolute = "two-way random, absolute agreement";
        const string consistency = "two-way mixed, consistency";
        var p1 = UpperTail(f1, dfSubjects, dfWithin);
        var p3 = UpperTail(f3, dfSubjects, dfError);
        return
        [
            new("ICC(1,1)", oneWay, r.Icc11, f1, dfSubjects, dfWithin, p1, Single(f1Lower), Single(f1Upper), Level),
            new("ICC(2,1)", absolute, r.Icc21, f3, dfSubjects, dfError, p3, icc2Lower, icc2Upper, Level),
            new("ICC(3,1)", consistency, r.Icc31, f3, dfSubjects, dfError, p3, Single(f3Lower), Single(f3Upper), Level),
            new("ICC(1,k)", oneWay, (msr - msw) / msr, f1, dfSubjects, dfWithin, p1, Average(f1Lower), Average(f1Upper), Level),
            new("ICC(2,k)", absolute, (msr - mse) / (msr + ((msc - mse) / n)), f3, dfSubjects, dfError, p3, Mean(icc2Lower), Mean(icc2Upper), Level),
            new("ICC(3,k)", consistency, (msr - mse) / msr, f3, dfSubjects, dfError, p3, Average(f3Lower), Average(f3Upper), Level),
        ];
    }

    /// <summary>
    /// The τ quantile of F(d1, d2); NaN when a df is not positive and finite (v is undefined when MSE = 0) or when
    /// MathNet's root search does not converge (Satterthwaite's v can be vanishingly small when MSE is nearly 0): the
    /// limit is then reported as undefined rather than failing the whole report.
    /// </summary>
    private static double FQuantile(double tau, double d1, double d2)
    {
        if (!(d1 > 0 && d2 > 0 && double.IsFinite(d1) && double.IsFinite(d2)))
        {
            return double.NaN;
        }

        try
        {
            return FisherSnedecor.InvCDF(d1, d2, tau);
        }
        catch (MathNet.Numerics.NonConvergenceException)
        {
            return double.NaN;
        }
    }

    /// <summary>P(F(d1, d2) ≥ f): 0 for an infinite F (no error variance), NaN for NaN.</summary>
    private static double UpperTail(double f, double d1, double d2) =>
        double.IsNaN(f) ? double.NaN : double.IsPositiveInfinity(f) ? 0 : 1 - FisherSnedecor.CDF(d1, d2, f);
}
