
namespace Tma.Research.Training;

/// <summary>Stable diagnostic codes of <c>tma train</c> beyond the dataset reader's; docs/training.md lists them.</summary>
public static class TrainingDiagnosticCodes
{
    /// <summary>The dataset has no rows, or every row has the same outcome.</summary>
    public const string ConstantOutcome = "TMA0220";

    /// <summary>Too few rows of an outcome for the number of folds.</summary>
    public const string TooFewRows = "TMA0221";

    /// <summary>A declared feature has no column in the dataset.</summary>
    public const string FeatureColumn = "TMA0222";

    /// <summary>A feature's statistics cannot be computed (no known value, or constant where it must be standardised).</summary>
    public const string FeatureStatistics = "TMA0223";
}
