using Tma.Models.Definitions;

namespace Tma.Research.Synthesis;

/// <summary>
/// The deterministic parameters of one input in the latent-risk process, derived from the input's position and scale
/// only (so a model's synthetic data never depends on anything but its definition and the options).
/// </summary>
/// <param name="Discrimination">
/// The signed loading a_i = d_i·(0.4 + 1.5·frac((i+1)·φ⁻¹)): its size is in [0.4, 1.9), so weak and strong items occur
/// in every model, and its direction d_i is −1 for a protective input (<c>protective: true</c>: higher levels become less
/// likely as the latent risk rises) and +1 otherwise.
/// </param>
/// <param name="CutPoints">c_ik = b_i + (k−1) for k = 1…K−1, with b_i = 0.25 + 1.25·frac((i+1)·0.7548776662); ordered scales only.</param>
/// <param name="Center">Centre of a numeric input: mid-range (or 3 inside a one-sided bound, or 0).</param>
/// <param name="Scale">Spread of a numeric input: range / 6 (or 1).</param>
public sealed record ItemParameters(double Discrimination, IReadOnlyList<double> CutPoints, double Center, double Scale)
{
    /// <summary>The parameters of input number <paramref name="position"/> (0-based, model order).</summary>
    public static ItemParameters For(InputDefinition input, int position)
    {
        ArgumentNullException.ThrowIfNull(input);
        var strength = 0.4 + (1.5 * Frac((position + 1) * 0.6180339887498949));
        var a = input.Protective ? -strength : strength;
        var b = 0.25 + (1.25 * Frac((position + 1) * 0.7548776662466927));
        var cuts = input.IsOrdered ? Enumerable.Range(1, Math.Max(1, input.Levels.Count - 1)).Select(k => b + (k - 1)).ToArray() : [];
        var (center, scale) = (input.Minimum, input.Maximum) switch
        {
            ({ } min, { } max) => ((min + max) / 2, (max - min) / 6),
            ({ } min, null) => (min + 3, 1.0),
            (null, { } max) => (max - 3, 1.0),
            _ => (0.0, 1.0),
        };
        return new ItemParameters(a, cuts, center, scale);
    }

    private static double Frac(double x) => x - Math.Floor(x);
}
