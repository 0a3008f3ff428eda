namespace Tma.Models.Definitions;

/// <summary>What a model does when inputs are omitted (unknown).</summary>
public enum MissingDataMode
{
    /// <summary>Up to <see cref="MissingDataPolicy.MaxOmitted"/> omitted inputs are accepted; more make the result insufficient.</summary>
    MaxOmitted,

    /// <summary>Like <see cref="MaxOmitted"/>, and the score is prorated: score × (items / known items).</summary>
    Prorate,

    /// <summary>Any omitted required input makes the result insufficient.</summary>
    Insufficient,
}

/// <summary>The per-model missing-data rule.</summary>
/// <param name="Mode">The rule.</param>
/// <param name="MaxOmitted">Largest number of omitted required inputs that still gives a valid result.</param>
public sealed record MissingDataPolicy(MissingDataMode Mode, int MaxOmitted)
{
    /// <summary>The default: no omitted required input is accepted silently.</summary>
    public static MissingDataPolicy Default { get; } = new(MissingDataMode.Insufficient, 0);
}
