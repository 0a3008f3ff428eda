using Semver;
using Tma.Models.Diagnostics;

namespace Tma.Models.Definitions;

/// <summary>How a composite turns its components' results into one level.</summary>
public enum CombinationMethod
{
    /// <summary>The highest of the components' levels, each mapped onto the composite's levels.</summary>
    MaxLevel,

    /// <summary>The primary component's mapped level, raised to every critical-item override a rules component applied.</summary>
    RulesOverride,

    /// <summary>Σ weight × value (probability or score) over the components, mapped to a level by the combination's bands.</summary>
    WeightedBlend,
}

/// <summary>Which number of a component a weighted blend uses.</summary>
public enum ComponentValue
{
    /// <summary>The component's probability when it has one (classifiers), otherwise its score.</summary>
    Auto,

    /// <summary>The component's calibrated probability (classifiers only).</summary>
    Probability,

    /// <summary>The component's score.</summary>
    Score,
}

/// <summary>One component of a composite: another package by id and npm-style version range.</summary>
public sealed record ComponentDefinition
{
    /// <summary>The component package's id.</summary>
    public required string Id { get; init; }

    /// <summary>The accepted versions (npm style, e.g. <c>^1.0.0</c>); the newest matching package is used.</summary>
    public required SemVersionRange Range { get; init; }

    /// <summary>The range as written.</summary>
    public required string RangeText { get; init; }

    /// <summary>Short name used in the combination and the assessment (default: the id).</summary>
    public required string Alias { get; init; }

    /// <summary>Component level id → composite level id; null maps levels by rank (the level counts must then be equal).</summary>
    public IReadOnlyDictionary<string, string>? LevelMap { get; init; }

    /// <summary>Weight in a weighted blend (required there, unused otherwise).</summary>
    public double? Weight { get; init; }

    /// <summary>Which number a weighted blend uses.</summary>
    public ComponentValue Value { get; init; } = ComponentValue.Auto;

    /// <summary>Where the component is declared.</summary>
    public SourceLocation Location { get; init; }
}

/// <summary>The components and combination of a <c>kind: composite</c> package.</summary>
public sealed record CompositeDefinition
{
    /// <summary>The components, in declaration order.</summary>
    public required IReadOnlyList<ComponentDefinition> Components { get; init; }

    /// <summary>The combination method.</summary>
    public required CombinationMethod Method { get; init; }

    /// <summary>Alias of the primary component (<see cref="CombinationMethod.RulesOverride"/> only).</summary>
    public string? Primary { get; init; }

    /// <summary>Bands over the blended value (<see cref="CombinationMethod.WeightedBlend"/> only).</summary>
    public IReadOnlyList<Band> Bands { get; init; } = [];

    /// <summary>Whether rules components' critical-item overrides still raise a weighted blend's level (default true).</summary>
    public bool RuleOverrides { get; init; } = true;

    /// <summary>Where the combination is declared.</summary>
    public SourceLocation Location { get; init; }
}
