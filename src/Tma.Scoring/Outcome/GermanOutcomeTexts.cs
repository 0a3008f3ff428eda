using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Models.Text;

namespace Tma.Scoring.Outcome;

/// <summary>The engine's sentences in German.</summary>
internal sealed class GermanOutcomeTexts : OutcomeTexts
{
    public override string Language => LanguageCodes.German;

    public override string AdvisoryNotice =>
        "Nur beratend: Diese Einschätzung unterstützt das Urteil einer qualifizierten Fachkraft des Bedrohungsmanagements und ersetzt es nicht. " +
        "Ein Mensch entscheidet; die Entscheidung, ihre Begründung und ob sie dem Modell folgte, werden festgehalten (KI-Verordnung Art. 14; DSGVO Art. 22).";

    public override string Unknown => "unbekannt";

    public override string AllKnown => "Alle erforderlichen Angaben sind bekannt.";

    public override string TooManyUnknown(int omitted, int required, int allowed) =>
        $"Unzureichende Informationen: {omitted} von {required} erforderlichen Angaben sind unbekannt, das Modell lässt {allowed} zu.";

    public override string NothingToProrate(int required) =>
        $"Unzureichende Informationen: alle {required} erforderlichen Angaben sind unbekannt, es gibt nichts hochzurechnen.";

    public override string Prorated(int omitted, int required, int allowed) =>
        $"{omitted} von {required} erforderlichen Angaben sind unbekannt (zulässig: {allowed}); der Wert wurde auf die volle Itemzahl hochgerechnet.";

    public override string UnknownCountAsAbsent(int omitted, int required, int allowed) =>
        $"{omitted} von {required} erforderlichen Angaben sind unbekannt (zulässig: {allowed}); unbekannte Items zählen als nicht vorhanden.";

    public override string ClassifierImputes(int omitted, int required, int allowed) =>
        $"{omitted} von {required} erforderlichen Angaben sind unbekannt (zulässig: {allowed}); die Merkmale des Klassifikators behandeln sie wie deklariert (Indikatorspalte oder Imputation).";

    public override string KeyItemsNotKnown(string items) => $"Schlüsselitems nicht bekannt: {items}.";

    public override string StaleItems(string items) => $"Nicht mehr aktuell (älter als ihr Gültigkeitszeitraum): {items}.";

    public override string LevelConclusion(string level) => $"Ergebnis: „{level}“.";

    public override string LevelWithinRange(string level, string lowest, string highest) =>
        $"Ergebnis: „{level}“. Mit Antworten zu den unbekannten Items könnte die Stufe zwischen „{lowest}“ und „{highest}“ liegen.";

    public override string LowerBound(string level, string highest, string why) =>
        $"Untergrenze, keine vollständige Einschätzung: mindestens „{level}“; die fehlenden Angaben könnten die Stufe bis „{highest}“ anheben. {why}";

    public override string LowerBoundAtTop(string level, string why) =>
        $"Untergrenze, keine vollständige Einschätzung: mindestens „{level}“, die höchste Stufe. Fehlende Angaben können sie nicht senken, aber weitere Schritte erfordern. {why}";

    public override string Unassessable(string why, string gather) =>
        $"Nicht einschätzbar: die bisher bekannten Angaben tragen keine Schlussfolgerung, auch nicht die niedrigste Stufe. {why} Zuerst klären: {gather}.";

    public override string UnassessableRange(string lowest, string highest) =>
        $"Sind sie bekannt, kann die Stufe zwischen „{lowest}“ und „{highest}“ liegen.";

    public override string WhyKeyItems(string items) => $"Schlüsselitems sind nicht bekannt: {items}.";

    public override string WhyTooMuchMissing(int omitted, int required, int allowed) =>
        $"{omitted} von {required} erforderlichen Angaben sind unbekannt, das Modell lässt {allowed} zu.";

    public override string WhyComponents(string components) => $"Komponenten ohne vollständige Einschätzung: {components}.";

    public override string WhyClassifier => "Ein Klassifikator kann nicht eingrenzen, was die fehlenden Angaben ändern würden.";

    public override string GatherKeyItems(string items) => $"Zuerst diese Angaben klären (Schlüsselitems des Modells): {items}.";

    public override string GatherMissing(string items) => $"Die übrigen fehlenden Angaben klären: {items}.";

    public override string ResolveContradiction(string input, string reports) =>
        $"Die widersprüchlichen Angaben zu „{input}“ klären: {reports}. Bis dahin gilt die besorgniserregendere Angabe.";

    public override string RefreshStale(string input, string date, string period) =>
        $"„{input}“ erneut erfragen: zuletzt beobachtet am {date}, länger her als der Gültigkeitszeitraum von {period}; bis dahin gilt die Angabe als unbekannt.";

    public override string Reliability(SourceReliability reliability) => reliability switch
    {
        SourceReliability.Documented => "belegt",
        SourceReliability.FirstHand => "aus erster Hand",
        SourceReliability.SecondHand => "aus zweiter Hand",
        _ => "Hörensagen",
    };

    public override string Period(IsoPeriod period)
    {
        var parts = new List<string>();
        if (period.Years != 0)
        {
            parts.Add(period.Years == 1 ? "1 Jahr" : $"{period.Years} Jahren");
        }

        if (period.Months != 0)
        {
            parts.Add(period.Months == 1 ? "1 Monat" : $"{period.Months} Monaten");
        }

        if (period.Days != 0)
        {
            parts.Add(period.Days == 1 ? "1 Tag" : $"{period.Days} Tagen");
        }

        return string.Join(" und ", parts);
    }

    public override string GdprArticle => "DSGVO Art.";

    public override string SpecialCategoryName(SpecialCategory category) => category switch
    {
        SpecialCategory.Health => "Gesundheitsdaten",
        SpecialCategory.SexLife => "Sexualleben oder sexuelle Orientierung",
        SpecialCategory.Beliefs => "religiöse oder weltanschauliche Überzeugungen",
        SpecialCategory.PoliticalOpinions => "politische Meinungen",
        SpecialCategory.EthnicOrigin => "rassische oder ethnische Herkunft",
        SpecialCategory.TradeUnion => "Gewerkschaftszugehörigkeit",
        SpecialCategory.Genetic => "genetische Daten",
        SpecialCategory.Biometric => "biometrische Daten",
        _ => "strafrechtliche Verurteilungen und Straftaten",
    };

    public override string JudgementSupports(string rating, string field) =>
        $"Das Ergebnis des Modells stützt die Einstufung „{rating}“ für „{field}“; maßgeblich ist das eigene Urteil der einschätzenden Fachkraft, das mit der Entscheidung festgehalten wird.";

    public override string JudgementSupportsAtLeast(string rating, string field) =>
        $"Das Ergebnis des Modells stützt mindestens die Einstufung „{rating}“ für „{field}“; maßgeblich ist das eigene Urteil der einschätzenden Fachkraft, das mit der Entscheidung festgehalten wird.";

    public override string JudgementNoSupport(string field) =>
        $"Das Ergebnis des Modells stützt noch keine Einstufung für „{field}“; zuerst die fehlenden Angaben klären, dann stuft die Fachkraft ein.";

    public override string RelevanceSuffix => " (Relevanz)";

    public override string ComponentStep(string alias, string model, string level, string number, string mapped) =>
        $"{alias} ({model}): {level} ({number}) → {mapped}";

    public override string Probability(double probability) => $"Wahrscheinlichkeit {N(probability, "0.####")}";

    public override string Score(double score) => $"Wert {N(score)}";

    public override string MaxLevelStep(string level, string from) => $"max-level: die höchste zugeordnete Stufe ist {level} (von {from})";

    public override string RulesOverrideStep(string primary, string level) => $"rules-override: die Hauptkomponente {primary} ergibt {level}";

    public override string BlendStep(string terms, double blend, string level) => $"weighted-blend: {terms} = {N(blend, "0.######")} → Band {level}";

    public override string RuleOverrideStep(string rule, string minimum, string mapped, string from, string to) =>
        $"Regel-Übersteuerung {rule} (Minimum {minimum} → {mapped}) hebt {from} auf {to}";

    public override string FinalLevelStep(string level) => $"endgültige Stufe: {level}";

    public override string FinalConclusionStep(string conclusion) => $"Ergebnisart: {conclusion}";

    public override string ComponentUnassessable(string alias) => $"{alias}: nicht einschätzbar";

    public override string ComponentLowerBound(string alias, string level) => $"{alias}: mindestens {level}";
}
