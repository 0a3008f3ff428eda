namespace Tma.Models.Packaging;

/// <summary>Another package this one needs (composite packages): its id and an npm-style version range.</summary>
/// <param name="Id">Package id.</param>
/// <param name="Range">Version range, e.g. <c>^1.2</c>.</param>
public sealed record PackageDependency(string Id, string Range);
