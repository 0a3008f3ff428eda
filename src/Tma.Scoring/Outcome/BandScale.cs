using Tma.Models.Definitions;

namespace Tma.Scoring.Outcome;

/// <summary>
/// Band → level for every kind: a points model's norm, a classifier's probability bands and a composite's blend bands
/// all map a number to the rank of the band's output level through this one table.
/// </summary>
internal sealed class BandScale
{
    private readonly int[] _levelRanks;
    private readonly string _owner;

    /// <param name="bands">Contiguous, non-overlapping bands (validated when the model was read).</param>
    /// <param name="model">The model whose output levels the bands name.</param>
    /// <param name="owner">What the bands belong to, for the message should a value fall outside them.</param>
    public BandScale(IReadOnlyList<Band> bands, ModelDefinition model, string owner)
    {
        Bands = bands;
        _levelRanks = [.. bands.Select(b => model.LevelIndex(b.Level))];
        _owner = owner;
    }

    public IReadOnlyList<Band> Bands { get; }

    /// <summary>The rank of the output level whose band contains <paramref name="value"/>.</summary>
    /// <exception cref="InvalidOperationException">No band contains the value (the reader guarantees full coverage).</exception>
    public int Rank(double value)
    {
        for (var b = 0; b < Bands.Count; b++)
        {
            if (Bands[b].Contains(value))
            {
                return _levelRanks[b];
            }
        }

        throw new InvalidOperationException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value} falls outside the bands of {_owner}."));
    }
}
