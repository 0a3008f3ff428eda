namespace Tma.Research.Evaluation.Statistics;

/// <summary>A table of cut-offs over one data set, with its base rate.</summary>
/// <param name="N">Number of cases.</param>
/// <param name="Events">Number of cases with the outcome.</param>
/// <param name="BaseRate">Events / N with its Wilson interval; PPV, NPV, NND and NSD depend on it.</param>
/// <param name="Rows">One row per threshold (in the order given) or per band (lowest band first).</param>
public sealed record CutoffTableResult(int N, int Events, ProportionEstimate BaseRate, IReadOnlyList<CutoffRow> Rows);
