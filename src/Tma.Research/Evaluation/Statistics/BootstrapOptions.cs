namespace Tma.Research.Evaluation.Statistics;

/// <summary>Settings of a percentile bootstrap.</summary>
/// <param name="Seed">Seed of the <see cref="Random"/> that draws the resamples; the same seed gives the same interval.</param>
/// <param name="Resamples">Number of bootstrap resamples; default 2000; at least 10.</param>
/// <param name="ConfidenceLevel">Confidence level of the percentile interval; default 0.95.</param>
public sealed record BootstrapOptions(int Seed, int Resamples = 2000, double ConfidenceLevel = 0.95)
{
    internal void Validate()
    {
        if (Resamples < 10)
        {
            throw new ArgumentException($"A bootstrap needs at least 10 resamples; got {Resamples}.", nameof(Resamples));
        }

        InputGuard.ConfidenceLevel(ConfidenceLevel, nameof(ConfidenceLevel));
    }
}
