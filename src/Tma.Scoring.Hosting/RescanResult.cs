namespace Tma.Scoring.Hosting;

/// <summary>What one <see cref="ModelRegistry.RescanAsync"/> changed.</summary>
/// <param name="Loaded">Package versions newly put in service.</param>
/// <param name="Refused">Package versions newly refused (each refusal is reported once per distinct archive content).</param>
/// <param name="Withdrawn">Package versions taken out of service because their source disappeared.</param>
public sealed record RescanResult(IReadOnlyList<RegisteredModel> Loaded, IReadOnlyList<PackageRefusal> Refused, IReadOnlyList<RegisteredModel> Withdrawn);
