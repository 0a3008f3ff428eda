namespace Tma.Models.Definitions;

/// <summary>A citation of the research a model rests on.</summary>
/// <param name="Id">Short key used by norms and model cards.</param>
/// <param name="Citation">Full citation.</param>
/// <param name="Doi">DOI, if any.</param>
/// <param name="Url">URL, if any.</param>
public sealed record Reference(string Id, string Citation, string? Doi, string? Url);
