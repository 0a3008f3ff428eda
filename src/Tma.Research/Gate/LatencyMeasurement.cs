namespace Tma.Research.Gate;

/// <summary>Per-case scoring times of candidate and baseline measured in the same process.</summary>
/// <param name="Cases">Cases scored per repetition.</param>
/// <param name="Repetitions">Timed repetitions per model (after one warm-up pass each).</param>
/// <param name="CandidateMicroseconds">Median per-case time of the candidate, in microseconds.</param>
/// <param name="BaselineMicroseconds">Median per-case time of the baseline, in microseconds.</param>
internal sealed record LatencyMeasurement(int Cases, int Repetitions, double CandidateMicroseconds, double BaselineMicroseconds)
{
    /// <summary>Candidate / baseline.</summary>
    public double Ratio => BaselineMicroseconds > 0 ? CandidateMicroseconds / BaselineMicroseconds : 1.0;
}
