namespace Tma.Research.Evaluation.Statistics;

/// <summary>
/// One row of an optimism bootstrap's table (the columns of R's <c>rms::validate</c>: index.orig, training, test,
/// optimism, index.corrected, n).
/// </summary>
/// <param name="Name">The index: <c>auc</c>, <c>dxy</c> (Somers' D = 2·(AUC − 0.5)), <c>calibrationIntercept</c>, <c>calibrationSlope</c> (Cox) or <c>brier</c>.</param>
/// <param name="Apparent">θ_app: the model fitted on all rows, measured on the same rows.</param>
/// <param name="Training">Mean θ_boot: each bootstrap fit measured on its own bootstrap sample.</param>
/// <param name="Test">Mean θ_orig: each bootstrap fit measured on the original rows.</param>
/// <param name="Optimism">Training − test, the mean optimism.</param>
/// <param name="Corrected">Apparent − optimism: the estimate of the index on new data from the same population.</param>
/// <param name="Resamples">Resamples in which both θ_boot and θ_orig of this index were defined (R's n).</param>
public sealed record OptimismIndex(string Name, double Apparent, double Training, double Test, double Optimism, double Corrected, int Resamples);
