using Tma.Models.Cases;
using Tma.Models.Definitions;

namespace Tma.Scoring.Outcome;

/// <summary>
/// The engine's words for the codes an assessment carries (reliability, special categories), in the engine's
/// languages, so that every application that shows an assessment names them the same way.
/// </summary>
public static class AssessmentVocabulary
{
    /// <summary>The languages the engine writes (ISO 639-1).</summary>
    public static IReadOnlyList<string> Languages { get; } = [.. OutcomeTexts.All.Select(t => t.Language)];

    /// <summary>"first-hand" / "aus erster Hand" for <c>first_hand</c>; the code itself when it is not a reliability.</summary>
    /// <param name="reliability">A reliability code (<see cref="Assessments.EvidenceValue.Reliability"/>).</param>
    /// <param name="language">ISO 639-1 code; English for a language the engine does not write.</param>
    public static string Reliability(string reliability, string language) =>
        SourceReliabilityNames.TryParse(reliability, out var parsed) ? OutcomeTexts.For(language).Reliability(parsed) : reliability;

    /// <summary>"GDPR Art. 9: health data" / "DSGVO Art. 9: Gesundheitsdaten" for <c>health</c>; the code itself when it is not a category.</summary>
    /// <param name="category">A special-category code (<see cref="Assessments.EvidenceValue.Sensitive"/>).</param>
    /// <param name="language">ISO 639-1 code; English for a language the engine does not write.</param>
    public static string SensitiveFlag(string category, string language) =>
        SpecialCategoryNames.TryParse(category, out var parsed) ? OutcomeTexts.For(language).SensitiveFlag(parsed) : category;

    /// <summary>How an unknown value is named.</summary>
    /// <param name="language">ISO 639-1 code.</param>
    public static string Unknown(string language) => OutcomeTexts.For(language).Unknown;
}
