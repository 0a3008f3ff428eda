using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Models.Text;

namespace Tma.Scoring.Outcome;

/// <summary>The engine's sentences in English.</summary>
internal sealed class EnglishOutcomeTexts : OutcomeTexts
{
    public override string Language => LanguageCodes.English;

    public override string AdvisoryNotice =>
        "Advisory only: this assessment supports, and does not replace, the judgement of a qualified threat-management professional. " +
        "A person decides, and the decision, its rationale and whether it followed the model are recorded (EU AI Act Art. 14; GDPR Art. 22).";

    public override string Unknown => "unknown";

    public override string AllKnown => "All required inputs are known.";

    public override string TooManyUnknown(int omitted, int required, int allowed) =>
        $"Insufficient information: {omitted} of {required} required inputs are unknown and the model accepts {allowed}.";

    public override string NothingToProrate(int required) =>
        $"Insufficient information: all {required} required inputs are unknown, so there is nothing to prorate.";

    public override string Prorated(int omitted, int required, int allowed) =>
        $"{omitted} of {required} required inputs are unknown (the model accepts {allowed}); the score was prorated to the full item count.";

    public override string UnknownCountAsAbsent(int omitted, int required, int allowed) =>
        $"{omitted} of {required} required inputs are unknown (the model accepts {allowed}); unknown items count as not present.";

    public override string ClassifierImputes(int omitted, int required, int allowed) =>
        $"{omitted} of {required} required inputs are unknown (the model accepts {allowed}); the classifier's features handle them as declared (indicator column or imputation).";

    public override string KeyItemsNotKnown(string items) => $"Key items not known: {items}.";

    public override string StaleItems(string items) => $"No longer current (older than their validity window): {items}.";

    public override string LevelConclusion(string level) => $"Conclusion: “{level}”.";

    public override string LevelWithinRange(string level, string lowest, string highest) =>
        $"Conclusion: “{level}”. Answering the unknown items could put it anywhere from “{lowest}” to “{highest}”.";

    public override string LowerBound(string level, string highest, string why) =>
        $"Lower bound, not a complete assessment: at least “{level}”; the missing facts could raise it up to “{highest}”. {why}";

    public override string LowerBoundAtTop(string level, string why) =>
        $"Lower bound, not a complete assessment: at least “{level}”, the highest level. The missing facts cannot lower it but may call for further steps. {why}";

    public override string Unassessable(string why, string gather) =>
        $"Unassessable: the facts known so far support no conclusion, not even the lowest level. {why} Gather these facts first: {gather}.";

    public override string UnassessableRange(string lowest, string highest) =>
        $"Once they are known, the level could lie anywhere from “{lowest}” to “{highest}”.";

    public override string WhyKeyItems(string items) => $"Key items are not known: {items}.";

    public override string WhyTooMuchMissing(int omitted, int required, int allowed) =>
        $"{omitted} of {required} required inputs are unknown and the model accepts {allowed}.";

    public override string WhyComponents(string components) => $"Components without a complete assessment: {components}.";

    public override string WhyClassifier => "A classifier cannot bound what the missing inputs would change.";

    public override string GatherKeyItems(string items) => $"Gather these facts first (key items of the model): {items}.";

    public override string GatherMissing(string items) => $"Find out the other missing items: {items}.";

    public override string ResolveContradiction(string input, string reports) =>
        $"Resolve the contradictory reports about “{input}”: {reports}. Until then the more concerning report is used.";

    public override string RefreshStale(string input, string date, string period) =>
        $"Ask again about “{input}”: last observed on {date}, longer ago than its validity window of {period}; until then it counts as unknown.";

    public override string Reliability(SourceReliability reliability) => reliability switch
    {
        SourceReliability.Documented => "documented",
        SourceReliability.FirstHand => "first-hand",
        SourceReliability.SecondHand => "second-hand",
        _ => "hearsay",
    };

    public override string Period(IsoPeriod period)
    {
        var parts = new List<string>();
        if (period.Years != 0)
        {
            parts.Add(period.Years == 1 ? "1 year" : $"{period.Years} years");
        }

        if (period.Months != 0)
        {
            parts.Add(period.Months == 1 ? "1 month" : $"{period.Months} months");
        }

        if (period.Days != 0)
        {
            parts.Add(period.Days == 1 ? "1 day" : $"{period.Days} days");
        }

        return string.Join(" and ", parts);
    }

    public override string GdprArticle => "GDPR Art.";

    public override string SpecialCategoryName(SpecialCategory category) => category switch
    {
        SpecialCategory.Health => "health data",
        SpecialCategory.SexLife => "sex life or sexual orientation",
        SpecialCategory.Beliefs => "religious or philosophical beliefs",
        SpecialCategory.PoliticalOpinions => "political opinions",
        SpecialCategory.EthnicOrigin => "racial or ethnic origin",
        SpecialCategory.TradeUnion => "trade-union membership",
        SpecialCategory.Genetic => "genetic data",
        SpecialCategory.Biometric => "biometric data",
        _ => "criminal convictions and offences",
    };

    public override string JudgementSupports(string rating, string field) =>
        $"The model's result supports the rating “{rating}” for “{field}”; the assessor's own judgement decides and is recorded with the decision.";

    public override string JudgementSupportsAtLeast(string rating, string field) =>
        $"The model's result supports at least the rating “{rating}” for “{field}”; the assessor's own judgement decides and is recorded with the decision.";

    public override string JudgementNoSupport(string field) =>
        $"The model's result does not yet support any rating for “{field}”; gather the missing facts, then the assessor rates.";

    public override string RelevanceSuffix => " (relevance)";

    public override string ComponentStep(string alias, string model, string level, string number, string mapped) =>
        $"{alias} ({model}): {level} ({number}) → {mapped}";

    public override string Probability(double probability) => $"probability {N(probability, "0.####")}";

    public override string Score(double score) => $"score {N(score)}";

    public override string MaxLevelStep(string level, string from) => $"max-level: the highest mapped level is {level} (from {from})";

    public override string RulesOverrideStep(string primary, string level) => $"rules-override: the primary component {primary} gives {level}";

    public override string BlendStep(string terms, double blend, string level) => $"weighted-blend: {terms} = {N(blend, "0.######")} → band {level}";

    public override string RuleOverrideStep(string rule, string minimum, string mapped, string from, string to) =>
        $"rule override {rule} (minimum {minimum} → {mapped}) raises {from} to {to}";

    public override string FinalLevelStep(string level) => $"final level: {level}";

    public override string FinalConclusionStep(string conclusion) => $"conclusion: {conclusion}";

    public override string ComponentUnassessable(string alias) => $"{alias}: unassessable";

    public override string ComponentLowerBound(string alias, string level) => $"{alias}: at least {level}";
}
