namespace Tma.Models.Definitions;

/// <summary>The trainers a classifier package may name, and the settings each accepts (all numbers).</summary>
public static class TrainerNames
{
    /// <summary>L-BFGS logistic regression (ML.NET <c>LbfgsLogisticRegression</c>).</summary>
    public const string LbfgsLogisticRegression = "lbfgs-logistic-regression";

    /// <summary>SDCA logistic regression (ML.NET <c>SdcaLogisticRegression</c>).</summary>
    public const string SdcaLogisticRegression = "sdca-logistic-regression";

    /// <summary>Boosted trees (ML.NET <c>FastTree</c>).</summary>
    public const string FastTree = "fast-tree";

    /// <summary>Boosted trees (LightGBM through ML.NET).</summary>
    public const string LightGbm = "light-gbm";

    /// <summary>Every trainer name with its accepted settings.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Settings { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [LbfgsLogisticRegression] = ["l1", "l2", "optimization_tolerance", "history_size", "max_iterations"],
        [SdcaLogisticRegression] = ["l1", "l2", "max_iterations", "convergence_tolerance"],
        [FastTree] = ["trees", "leaves", "min_examples_per_leaf", "learning_rate"],
        [LightGbm] = ["iterations", "leaves", "min_examples_per_leaf", "learning_rate"],
    };

    /// <summary>The trainer names.</summary>
    public static IReadOnlyList<string> All { get; } = [LbfgsLogisticRegression, SdcaLogisticRegression, FastTree, LightGbm];
}
