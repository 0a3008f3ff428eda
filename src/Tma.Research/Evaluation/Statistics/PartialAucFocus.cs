namespace Tma.Research.Evaluation.Statistics;

/// <summary>Which axis of the ROC curve the range of a partial AUC restricts (as pROC's <c>partial.auc.focus</c>).</summary>
public enum PartialAucFocus
{
    /// <summary>The range is of specificity (1 − FPR); the area is ∫ sensitivity d(specificity) over it. The usual choice when false positives are costly.</summary>
    Specificity,

    /// <summary>The range is of sensitivity; the area is ∫ specificity d(sensitivity) over it. The choice when missing cases is what matters.</summary>
    Sensitivity,
}
