namespace Tma.Models.Cases;

/// <summary>A dated observation resolved against a model: input index, level position and time.</summary>
/// <param name="InputIndex">Index of the input in the model.</param>
/// <param name="Value">Level position (or number).</param>
/// <param name="ObservedAt">When it was observed.</param>
public sealed record ResolvedObservation(int InputIndex, double Value, DateTimeOffset ObservedAt);

/// <summary>
/// A case checked against a model: one slot per input holding the level position, category position or number
/// (null = unknown), the relevance axis, and the dated observations.
/// </summary>
public sealed class ResolvedCase
{
    /// <summary>Creates a resolved case.</summary>
    /// <param name="values">Current value per input (model order); null means unknown.</param>
    /// <param name="relevance">Relevance level position per input; null elsewhere.</param>
    /// <param name="observations">Known observations sorted by time, then input.</param>
    /// <param name="asOf">The reference date, if any.</param>
    /// <param name="norm">Selected norm id, or null for the default.</param>
    /// <param name="states">Per input, where its value comes from; null when every value was given directly.</param>
    public ResolvedCase(double?[] values, double?[] relevance, IReadOnlyList<ResolvedObservation> observations, DateTimeOffset? asOf, string? norm, IReadOnlyList<InputState>? states = null)
    {
        Values = values;
        Relevance = relevance;
        Observations = observations;
        AsOf = asOf;
        Norm = norm;
        States = states;
    }

    /// <summary>Current value per input (model order); null means unknown.</summary>
    public IReadOnlyList<double?> Values { get; }

    /// <summary>Relevance level position per input (presence inputs with relevance); null elsewhere or unknown.</summary>
    public IReadOnlyList<double?> Relevance { get; }

    /// <summary>Observations sorted by time, then input.</summary>
    public IReadOnlyList<ResolvedObservation> Observations { get; }

    /// <summary>The case's reference date, if any.</summary>
    public DateTimeOffset? AsOf { get; }

    /// <summary>Selected norm id, or null for the default.</summary>
    public string? Norm { get; }

    /// <summary>
    /// Per input (model order): where its current value comes from (given, observed, stale, contested). Null when the
    /// case had no observations, so that every known value was given directly.
    /// </summary>
    public IReadOnlyList<InputState>? States { get; }

    /// <summary>The state of input <paramref name="index"/>, also when <see cref="States"/> is null.</summary>
    public InputState StateOf(int index) =>
        States is { } states ? states[index] : Values[index] is null ? InputState.Unknown : InputState.Given;
}
