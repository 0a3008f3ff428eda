namespace Tma.Models.Text;

/// <summary>
/// The keys under which a model's texts are filed: one per text field, named after where it sits in
/// <c>model.yaml</c> (<c>inputs.fixation.label</c>, <c>actions.police-now.step</c>…). Ids are unique within their
/// section, so a key names exactly one text.
/// </summary>
internal static class TextKeys
{
    public const string Title = "title";
    public const string Description = "description";

    public static string InputLabel(string input) => $"inputs.{input}.label";

    public static string InputDescription(string input) => $"inputs.{input}.description";

    public static string InputLevel(string input, string level) => $"inputs.{input}.levels.{level}";

    public static string InputRelevance(string input, string level) => $"inputs.{input}.relevance.{level}";

    public static string InputGuidance(string input, string part) => $"inputs.{input}.guidance.{part}";

    public static string LevelLabel(string level) => $"levels.{level}.label";

    public static string LevelDescription(string level) => $"levels.{level}.description";

    public static string IndicatorLabel(string indicator) => $"indicators.{indicator}.label";

    public static string IndicatorReason(string indicator) => $"indicators.{indicator}.reason";

    public static string DomainLabel(string domain) => $"domains.{domain}.label";

    public static string NormDescription(string norm) => $"norms.{norm}.description";

    public static string ActionStep(string action) => $"actions.{action}.step";

    public static string JudgementLabel(string field) => $"judgement.{field}.label";

    public static string JudgementDescription(string field) => $"judgement.{field}.description";

    public static string JudgementLevel(string field, string level) => $"judgement.{field}.levels.{level}";
}
