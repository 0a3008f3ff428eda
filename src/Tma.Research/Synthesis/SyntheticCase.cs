namespace Tma.Research.Synthesis;

/// <summary>
/// One generated case with its hidden latent risk. <see cref="SyntheticGenerator.Next"/> reuses this object: its contents
/// are valid until the next call.
/// </summary>
public sealed class SyntheticCase
{
    private readonly double?[] _values;
    private readonly double?[] _relevance;

    internal SyntheticCase(int inputs)
    {
        _values = new double?[inputs];
        _relevance = new double?[inputs];
    }

    /// <summary>1-based row number.</summary>
    public int RowNumber { get; internal set; }

    /// <summary>The latent risk θ (including the subgroup shift). Never written to the file.</summary>
    public double Theta { get; internal set; }

    /// <summary>0-based subgroup index; the last group is the shifted one.</summary>
    public int Group { get; internal set; }

    /// <summary>Value per input in model order (level or category position, or the number); null = missing.</summary>
    public ReadOnlySpan<double?> Values => _values;

    /// <summary>Relevance level position per input (presence inputs with relevance, when present); null otherwise.</summary>
    public ReadOnlySpan<double?> Relevance => _relevance;

    /// <summary>The outcome.</summary>
    public bool Outcome { get; internal set; }

    internal double?[] ValueBuffer => _values;

    internal double?[] RelevanceBuffer => _relevance;
}
