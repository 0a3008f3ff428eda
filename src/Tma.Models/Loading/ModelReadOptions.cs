namespace Tma.Models.Loading;

/// <summary>How <see cref="ModelReader"/> reads a model document. Immutable.</summary>
public sealed record ModelReadOptions
{
    /// <summary>The defaults: artifact files are not checked, the document is a complete model.</summary>
    public static ModelReadOptions Default { get; } = new();

    /// <summary>
    /// The package folder against which artifact paths (a classifier's <c>model_file</c>) are resolved and their
    /// existence and SHA-256 checked; null (the default) skips those checks.
    /// </summary>
    public string? PackageDirectory { get; init; }

    /// <summary>
    /// True when the document is the model part of a <c>tma train</c> spec: it has no <c>classifier:</c> section and
    /// its features may omit the statistics (fill values, means, standard deviations) that training computes.
    /// Default false.
    /// </summary>
    public bool TrainingSpec { get; init; }
}
