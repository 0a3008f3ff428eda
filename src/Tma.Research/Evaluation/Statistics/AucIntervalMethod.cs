namespace Tma.Research.Evaluation.Statistics;

/// <summary>How the confidence interval of an AUC is built from its DeLong standard error.</summary>
public enum AucIntervalMethod
{
    /// <summary>Plain Wald interval AUC ± z·SE, clipped to [0, 1] (as pROC's <c>ci.auc(method = "delong")</c>). The default.</summary>
    Wald = 0,

    /// <summary>
    /// Wald interval on the logit scale, logit(AUC) ± z·SE / (AUC·(1 − AUC)), transformed back; stays inside (0, 1)
    /// and has better coverage near the boundaries (Pepe 2003, §5.2.2).
    /// </summary>
    Logit = 1,
}
