using System.Globalization;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Models.Text;

namespace Tma.Scoring.Outcome;

/// <summary>
/// Every sentence the engine itself writes into an assessment (verdicts on missing data, conclusions, information-
/// gathering steps, combination steps, the advisory notice), once per language. A language is a subclass, so a
/// sentence missing in one language does not compile; tests check that no German text is left in English.
/// </summary>
internal abstract class OutcomeTexts
{
    private static readonly OutcomeTexts EnglishTexts = new EnglishOutcomeTexts();
    private static readonly OutcomeTexts GermanTexts = new GermanOutcomeTexts();

    /// <summary>Every language the engine writes in.</summary>
    public static IReadOnlyList<OutcomeTexts> All { get; } = [EnglishTexts, GermanTexts];

    /// <summary>The texts of a language (ISO 639-1); English for any language the engine does not write.</summary>
    public static OutcomeTexts For(string? language) => language == LanguageCodes.German ? GermanTexts : EnglishTexts;

    /// <summary>The language code.</summary>
    public abstract string Language { get; }

    /// <summary>The advisory notice every assessment carries.</summary>
    public abstract string AdvisoryNotice { get; }

    /// <summary>How an unknown value is named.</summary>
    public abstract string Unknown { get; }

    // --- The missing-data policy's verdict -------------------------------------------------------------------------

    public abstract string AllKnown { get; }

    public abstract string TooManyUnknown(int omitted, int required, int allowed);

    public abstract string NothingToProrate(int required);

    public abstract string Prorated(int omitted, int required, int allowed);

    public abstract string UnknownCountAsAbsent(int omitted, int required, int allowed);

    public abstract string ClassifierImputes(int omitted, int required, int allowed);

    public abstract string KeyItemsNotKnown(string items);

    public abstract string StaleItems(string items);

    // --- Conclusions -----------------------------------------------------------------------------------------------

    public abstract string LevelConclusion(string level);

    public abstract string LevelWithinRange(string level, string lowest, string highest);

    public abstract string LowerBound(string level, string highest, string why);

    public abstract string LowerBoundAtTop(string level, string why);

    public abstract string Unassessable(string why, string gather);

    public abstract string UnassessableRange(string lowest, string highest);

    public abstract string WhyKeyItems(string items);

    public abstract string WhyTooMuchMissing(int omitted, int required, int allowed);

    public abstract string WhyComponents(string components);

    public abstract string WhyClassifier { get; }

    // --- Information-gathering steps -------------------------------------------------------------------------------

    public abstract string GatherKeyItems(string items);

    public abstract string GatherMissing(string items);

    public abstract string ResolveContradiction(string input, string reports);

    public abstract string RefreshStale(string input, string date, string period);

    public abstract string Reliability(SourceReliability reliability);

    public abstract string Period(IsoPeriod period);

    /// <summary>"present (witness-2, first-hand, 2026-11-20)".</summary>
    public string Report(string value, ReportedValue report)
    {
        var parts = new List<string>(3);
        if (report.Source is { } source)
        {
            parts.Add(source);
        }

        if (report.Reliability is { } reliability)
        {
            parts.Add(Reliability(reliability));
        }

        parts.Add(Date(report.ObservedAt));
        return $"{value} ({string.Join(", ", parts)})";
    }

    /// <summary>Dates are ISO 8601 in every language: unambiguous in a case file read across borders.</summary>
    public static string Date(DateTimeOffset time) => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // --- Special categories and judgement --------------------------------------------------------------------------

    public abstract string SpecialCategoryName(SpecialCategory category);

    public string SensitiveFlag(SpecialCategory category) =>
        string.Create(CultureInfo.InvariantCulture, $"{GdprArticle} {SpecialCategoryNames.Article(category)}: {SpecialCategoryName(category)}");

    public abstract string GdprArticle { get; }

    public abstract string JudgementSupports(string rating, string field);

    public abstract string JudgementSupportsAtLeast(string rating, string field);

    public abstract string JudgementNoSupport(string field);

    // --- Classifiers and composites --------------------------------------------------------------------------------

    public abstract string RelevanceSuffix { get; }

    public abstract string ComponentStep(string alias, string model, string level, string number, string mapped);

    public abstract string Probability(double probability);

    public abstract string Score(double score);

    public abstract string MaxLevelStep(string level, string from);

    public abstract string RulesOverrideStep(string primary, string level);

    public abstract string BlendStep(string terms, double blend, string level);

    public abstract string RuleOverrideStep(string rule, string minimum, string mapped, string from, string to);

    public abstract string FinalLevelStep(string level);

    public abstract string FinalConclusionStep(string conclusion);

    public abstract string ComponentUnassessable(string alias);

    public abstract string ComponentLowerBound(string alias, string level);

    /// <summary>Joins items of a list in running text.</summary>
    public static string List(IEnumerable<string> items) => string.Join("; ", items);

    protected static string N(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);
}
