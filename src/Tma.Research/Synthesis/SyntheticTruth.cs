using MathNet.Numerics.Integration;
using MathNet.Numerics.RootFinding;

namespace Tma.Research.Synthesis;

/// <summary>
/// The known truth of the latent-risk process for given options, computed by numerical integration over the θ
/// mixture density (Gauss–Legendre quadrature, MathNet.Numerics) — never from generated rows.
/// </summary>
public sealed record SyntheticTruth
{
    /// <summary>Intercept α of the outcome's log-odds, solved so that the population base rate equals the target.</summary>
    public required double Alpha { get; init; }

    /// <summary>Slope β of the outcome's log-odds in θ.</summary>
    public required double Beta { get; init; }

    /// <summary>The population share of outcome 1: ∫ f(θ) logistic(α + βθ) dθ.</summary>
    public required double BaseRate { get; init; }

    /// <summary>The population AUC of θ itself for the outcome: P(θ₁ &gt; θ₀) for a random positive and negative case.</summary>
    public required double ThetaAuc { get; init; }

    /// <summary>Shift of θ in the last subgroup.</summary>
    public required double GroupShift { get; init; }

    /// <summary>Number of subgroups (equally likely).</summary>
    public required int GroupCount { get; init; }

    /// <summary>Computes α, the base rate and the AUC of θ for the options.</summary>
    /// <param name="options">Valid options.</param>
    /// <returns>The truth.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static SyntheticTruth Compute(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var beta = options.Beta;
        var shift = options.GroupShift;
        var groups = options.GroupCount;
        var lower = Math.Min(0, shift) - 12;
        var upper = Math.Max(0, shift) + 12;
        double Density(double t) => (((groups - 1) * Normal(t)) + Normal(t - shift)) / groups;

        double Rate(double alpha) => GaussLegendreRule.Integrate(t => Density(t) * Logistic(alpha + (beta * t)), lower, upper, 256);

        var alphaSolved = Brent.FindRoot(a => Rate(a) - options.BaseRate, -60, 60, 1e-12, 200);
        var rate = Rate(alphaSolved);

        // AUC = P(θ1 > θ0) = ∫ f₁(t) F₀(t) dt with f₁ = f·p/π and F₀(t) = ∫_{-∞}^t f·(1-p) / (1-π).
        double Negative(double s) => Density(s) * (1 - Logistic(alphaSolved + (beta * s)));
        double Inner(double t) => t <= lower ? 0 : GaussLegendreRule.Integrate(Negative, lower, t, 128);
        var joint = GaussLegendreRule.Integrate(t => Density(t) * Logistic(alphaSolved + (beta * t)) * Inner(t), lower, upper, 256);
        var auc = joint / (rate * (1 - rate));

        return new SyntheticTruth
        {
            Alpha = alphaSolved,
            Beta = beta,
            BaseRate = rate,
            ThetaAuc = auc,
            GroupShift = shift,
            GroupCount = groups,
        };
    }

    internal static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static double Normal(double x) => Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);
}
