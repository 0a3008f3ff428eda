using Tma.Scoring.Assessments;

namespace Tma.Research.Evaluation;

/// <summary>What a figure can be traced back to.</summary>
public sealed record EvaluationProvenance
{
    /// <summary>The program that wrote the report, <c>tma</c>.</summary>
    public string Tool { get; init; } = "tma";

    /// <summary>Version of the program (the CLI's informational version, or the engine version when called as a library).</summary>
    public required string ToolVersion { get; init; }

    /// <summary>Version of the scoring engine (<see cref="EngineInfo.Version"/>).</summary>
    public required string EngineVersion { get; init; }

    /// <summary>The dataset.</summary>
    public required DatasetProvenance Dataset { get; init; }

    /// <summary>The model package, or null when the score is a column of the dataset.</summary>
    public ModelReference? Model { get; init; }

    /// <summary>Where the scores come from.</summary>
    public required ScoreSource Source { get; init; }

    /// <summary>Seed of every bootstrap in the report.</summary>
    public required int Seed { get; init; }

    /// <summary>Bootstrap resamples per interval (0 = bootstrap intervals not computed).</summary>
    public required int BootstrapResamples { get; init; }

    /// <summary>Confidence level of every interval, e.g. 0.95.</summary>
    public required double ConfidenceLevel { get; init; }
}

/// <summary>The dataset a report was computed on.</summary>
public sealed record DatasetProvenance
{
    /// <summary>File name (without folders, which may name a person).</summary>
    public required string File { get; init; }

    /// <summary><c>sha256:&lt;hex&gt;</c> over the file bytes (<see cref="Datasets.DatasetFingerprint"/>).</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Rows evaluated.</summary>
    public required int Rows { get; init; }

    /// <summary>Bad rows skipped (only with the skip-bad-rows option; otherwise a bad row stops the evaluation).</summary>
    public required int BadRowsSkipped { get; init; }

    /// <summary>Name of the outcome column.</summary>
    public required string OutcomeColumn { get; init; }

    /// <summary>Names of the <c>group:</c> columns, without the prefix.</summary>
    public required IReadOnlyList<string> GroupColumns { get; init; }
}

/// <summary>Where the evaluated scores come from.</summary>
public sealed record ScoreSource
{
    /// <summary><c>model</c> (scored by the engine) or <c>column</c> (a score already in the dataset).</summary>
    public required string Kind { get; init; }

    /// <summary>What the score is called in the report: <c>score</c> for a model, the column name otherwise.</summary>
    public required string Name { get; init; }

    /// <summary>For a model: which engine path scored the rows, as <see cref="Assessment.Engine"/> names it; null for a column.</summary>
    public string? Engine { get; init; }
}
