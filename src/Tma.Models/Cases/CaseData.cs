using Tma.Models.Diagnostics;

namespace Tma.Models.Cases;

/// <summary>A value as given for an input: a level or category name, a number, or unknown.</summary>
/// <param name="Text">Level or category id (or <c>unknown</c>); null when a number or nothing was given.</param>
/// <param name="Number">A number for numeric inputs.</param>
/// <param name="Relevance">Relevance level for presence inputs coded on two axes.</param>
public readonly record struct CaseValue(string? Text, double? Number = null, string? Relevance = null)
{
    /// <summary>The explicit unknown / omitted value.</summary>
    public static CaseValue Unknown { get; } = new("unknown");

    /// <summary>A level or category.</summary>
    public static CaseValue Level(string level, string? relevance = null) => new(level, null, relevance);

    /// <summary>A number.</summary>
    public static CaseValue Of(double number) => new(null, number);

    /// <summary>True for an explicit unknown / omitted value.</summary>
    public bool IsUnknown => Number is null && (Text is null || Text is "unknown" or "omit" or "omitted");
}

/// <summary>One dated observation of an input (the store's append-only record, or a case file's history).</summary>
/// <param name="InputId">The input observed.</param>
/// <param name="Value">What was observed.</param>
/// <param name="ObservedAt">When it was observed.</param>
/// <param name="Rater">Who coded it (pseudonymous), if known.</param>
/// <param name="Source">Where it came from (a pseudonymous source reference such as <c>witness-2</c>), if known.
/// Reports from different sources that disagree within the model's conflict window are shown as a contradiction.</param>
/// <param name="Reliability">How directly the source knows it, if stated.</param>
public sealed record Observation(string InputId, CaseValue Value, DateTimeOffset ObservedAt, string? Rater = null, string? Source = null, SourceReliability? Reliability = null);

/// <summary>
/// The facts of a case as given by a user or host application: current input values and/or dated observations.
/// Unresolved: <see cref="CaseResolver"/> checks it against a model.
/// </summary>
public sealed record CaseData
{
    /// <summary>Pseudonymous case reference, if any (never a person's name).</summary>
    public string? CaseId { get; init; }

    /// <summary>
    /// Reference date: observations after it are ignored, observations older than their input's <c>valid_for</c>
    /// before it are no longer current, and helpers such as <c>observed_within</c> look back from it. When null, a
    /// compiled model assesses as of its clock's current time.
    /// </summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>Current values by input id. A value given here wins over the input's latest observation.</summary>
    public IReadOnlyDictionary<string, CaseValue> Inputs { get; init; } = new Dictionary<string, CaseValue>();

    /// <summary>Dated observations; the latest observation of an input is its current value.</summary>
    public IReadOnlyList<Observation> Observations { get; init; } = [];

    /// <summary>Norm (band set) to use, if the model has several; null for the model's default.</summary>
    public string? Norm { get; init; }

    /// <summary>Where each field was written, when the case came from a file (keys like <c>inputs.fixation</c>).</summary>
    public IReadOnlyDictionary<string, SourceLocation> Locations { get; init; } = new Dictionary<string, SourceLocation>();
}
