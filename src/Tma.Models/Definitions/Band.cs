namespace Tma.Models.Definitions;

/// <summary>A score interval <c>[From, To)</c> mapped to an output level.</summary>
/// <param name="Level">The output level id.</param>
/// <param name="From">Inclusive lower bound; null means no lower bound.</param>
/// <param name="To">Exclusive upper bound; null means no upper bound.</param>
public sealed record Band(string Level, double? From, double? To)
{
    /// <summary>True when <paramref name="score"/> falls inside the band.</summary>
    public bool Contains(double score) => (From is null || score >= From) && (To is null || score < To);
}

/// <summary>A named, versioned set of bands (a norm), e.g. population-specific NAQ-R cut-offs.</summary>
/// <param name="Id">Identifier used to select the norm.</param>
/// <param name="Description">Which population the norm describes.</param>
/// <param name="Reference">Id of the reference the cut-offs come from.</param>
/// <param name="Bands">Contiguous, non-overlapping bands in ascending order.</param>
public sealed record NormSet(string Id, string? Description, string? Reference, IReadOnlyList<Band> Bands);
