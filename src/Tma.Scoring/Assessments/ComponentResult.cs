namespace Tma.Scoring.Assessments;

/// <summary>One component's result inside a composite assessment.</summary>
public sealed record ComponentResult
{
    /// <summary>The alias the composite gives the component.</summary>
    public required string Alias { get; init; }

    /// <summary>The component package that ran (id, version, content hash, kind, title).</summary>
    public required ModelReference Model { get; init; }

    /// <summary>The version range the composite asked for (npm style).</summary>
    public required string Range { get; init; }

    /// <summary>The component's own level id.</summary>
    public required string? Level { get; init; }

    /// <summary>What the component could conclude (level, lower bound, unassessable).</summary>
    public Conclusion Conclusion { get; init; }

    /// <summary>Rank of the component's level among its own levels, 0 = lowest.</summary>
    public required int LevelRank { get; init; }

    /// <summary>The composite level the component's level maps to.</summary>
    public required string? MappedLevel { get; init; }

    /// <summary>The component's score (rounded to 6 decimals).</summary>
    public required double Score { get; init; }

    /// <summary>The component's calibrated probability (classifier components); null otherwise.</summary>
    public double? Probability { get; init; }

    /// <summary>What the component's missing-data policy made of the case.</summary>
    public required Validity Validity { get; init; }

    /// <summary>Critical-item overrides the component applied (rules components), with the component's own level ids.</summary>
    public IReadOnlyList<AppliedOverride> Overrides { get; init; } = [];

    /// <summary>Which evaluation path produced the component's result.</summary>
    public required string Engine { get; init; }
}

/// <summary>How a composite reached its final level.</summary>
/// <param name="Method">The combination: <c>max-level</c>, <c>rules-override</c> or <c>weighted-blend</c>.</param>
/// <param name="Primary">The primary component's alias (<c>rules-override</c>); null otherwise.</param>
/// <param name="Blend">The blended value (<c>weighted-blend</c>); null otherwise.</param>
/// <param name="Steps">The steps in plain language, in the order they were applied.</param>
public sealed record CombinationTrace(string Method, string? Primary, double? Blend, IReadOnlyList<string> Steps);
