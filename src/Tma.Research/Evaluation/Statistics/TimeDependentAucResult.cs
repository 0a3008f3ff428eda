namespace Tma.Research.Evaluation.Statistics;

/// <summary>The cumulative/dynamic time-dependent AUC at a horizon.</summary>
/// <param name="Horizon">τ.</param>
/// <param name="Auc">The IPCW estimate of P(s_i &gt; s_j | T_i ≤ τ, T_j &gt; τ), ties counted half; NaN without cases or controls.</param>
/// <param name="Cases">Rows with the event at or before τ.</param>
/// <param name="Controls">Rows still event-free after τ.</param>
/// <param name="CensoredBeforeHorizon">Rows censored at or before τ (weight 0; the weights of the cases make up for them).</param>
public sealed record TimeDependentAucResult(double Horizon, double Auc, int Cases, int Controls, int CensoredBeforeHorizon);
