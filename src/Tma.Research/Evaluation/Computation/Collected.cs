using Tma.Research.Evaluation.Scoring;

namespace Tma.Research.Evaluation.Computation;

/// <summary>A dataset streamed into a <see cref="Sample"/>, with what the report needs to say about the read.</summary>
/// <param name="Sample">The collected rows.</param>
/// <param name="Fingerprint">Dataset fingerprint.</param>
/// <param name="BadRows">Bad rows skipped.</param>
/// <param name="GroupNames">The <c>group:</c> columns.</param>
/// <param name="Warnings">Header warnings (missing input columns) and the like.</param>
/// <param name="Scorers">The model scorers per series; empty for score columns.</param>
/// <param name="FirstLineOutsideUnitInterval">Score columns: first line with a value outside [0, 1] per series.</param>
internal sealed record Collected(
    Sample Sample,
    string Fingerprint,
    int BadRows,
    IReadOnlyList<string> GroupNames,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<IRowScorer> Scorers,
    IReadOnlyList<int?> FirstLineOutsideUnitInterval);
