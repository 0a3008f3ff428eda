namespace Tma.Scoring.Hosting;

/// <summary>A package version in service: what is known about it and its compiled (instrumented) model.</summary>
internal sealed record RegistryEntry(RegisteredModel Info, InstrumentedRiskModel Model);
