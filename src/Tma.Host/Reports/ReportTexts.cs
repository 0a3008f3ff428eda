using System.Globalization;
using Tma.CaseStore;

namespace Tma.Host;

/// <summary>
/// Every text of the case timeline and the case report a professional reads, in English and German, keyed by a
/// stable name (a test checks that every key has both). Placeholders are <c>{0}</c>, <c>{1}</c>, … (invariant culture).
/// Stage and person-role names come from <see cref="ProcessLabels"/>, task statuses from <see cref="CaseTaskLabels"/>,
/// model texts (levels, inputs, indicators, actions, judgement fields) from the model in the report's language.
/// </summary>
internal static class ReportTexts
{
    /// <summary>The report's languages.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "de"];

    /// <summary>Every text: key → (English, German).</summary>
    public static IReadOnlyDictionary<string, (string En, string De)> All { get; } = new Dictionary<string, (string En, string De)>(StringComparer.Ordinal)
    {
        // The report's frame.
        ["report.confidential"] = ("Confidential – threat-management team only", "Vertraulich – nur für das Bedrohungsmanagement-Team"),
        ["report.title"] = ("Case report", "Fallbericht"),
        ["report.page"] = ("Page", "Seite"),
        ["report.of"] = ("of", "von"),
        ["report.advisory"] = ("The model's results in this report are advisory. They support, and never replace, the professional judgement of the threat-management team: the decisions are the professionals', and the report says who decided what and why.", "Die Ergebnisse des Modells in diesem Bericht sind Empfehlungen. Sie unterstützen die fachliche Einschätzung des Bedrohungsmanagement-Teams und ersetzen sie nie: Die Entscheidungen treffen die Fachleute, und der Bericht zeigt, wer was warum entschieden hat."),
        ["report.advisory.label"] = ("Advisory", "Empfehlung"),
        ["report.fallback"] = ("Texts of model {0} are not available in English; they are shown in its language ({1}).", "Texte des Modells {0} liegen nicht auf Deutsch vor; sie werden in seiner Sprache ({1}) gezeigt."),
        ["report.footer"] = ("Notes and documents are not part of this report.", "Notizen und Dokumente sind nicht Teil dieses Berichts."),
        ["report.none"] = ("None.", "Keine."),
        ["report.unknown"] = ("unknown", "unbekannt"),
        ["report.dash"] = ("–", "–"),

        // Header.
        ["header.case"] = ("Case", "Fall"),
        ["header.category"] = ("Category", "Kategorie"),
        ["header.stage"] = ("Stage", "Phase"),
        ["header.owner"] = ("Responsible case manager", "Fallverantwortung"),
        ["header.team"] = ("Team", "Team"),
        ["header.opened"] = ("Opened", "Eröffnet"),
        ["header.nextReview"] = ("Next review", "Nächste Überprüfung"),
        ["header.noReview"] = ("none scheduled", "keine geplant"),
        ["header.generated"] = ("Generated", "Erstellt"),
        ["header.generatedBy"] = ("{0} by {1}", "{0} von {1}"),

        // Sections.
        ["section.summary"] = ("Summary", "Zusammenfassung"),
        ["section.persons"] = ("Persons", "Personen"),
        ["section.curve"] = ("Risk curve", "Risikoverlauf"),
        ["section.assessments"] = ("Assessments", "Einschätzungen"),
        ["section.decisions"] = ("Decisions", "Entscheidungen"),
        ["section.tasks"] = ("Tasks", "Aufgaben"),
        ["section.timeline"] = ("Timeline", "Verlauf"),

        // Summary.
        ["summary.stage"] = ("Current stage", "Aktuelle Phase"),
        ["summary.level"] = ("Latest assessment", "Letzte Einschätzung"),
        ["summary.noAssessment"] = ("no assessment yet", "noch keine Einschätzung"),
        ["summary.decision"] = ("Decision in effect", "Wirksame Entscheidung"),
        ["summary.noDecision"] = ("no decision in effect", "keine wirksame Entscheidung"),
        ["summary.pending"] = ("Override awaiting confirmation", "Abweichung wartet auf Bestätigung"),
        ["summary.pendingYes"] = ("yes – recorded by {0} on {1}; not in effect until a second case manager confirms it", "ja – erfasst von {0} am {1}; erst wirksam, wenn eine zweite fallverantwortliche Person sie bestätigt"),
        ["summary.pendingNo"] = ("no", "nein"),
        ["summary.tasks"] = ("Open tasks", "Offene Aufgaben"),
        ["summary.tasksCount"] = ("{0} open, {1} of them overdue", "{0} offen, davon {1} überfällig"),
        ["summary.review"] = ("Next review", "Nächste Überprüfung"),

        // Levels and conclusions.
        ["level.atLeast"] = ("at least {0}", "mindestens {0}"),
        ["level.unassessable"] = ("not assessable on the known facts", "mit den bekannten Tatsachen nicht einschätzbar"),

        // Persons.
        ["persons.role"] = ("Role", "Rolle"),
        ["persons.reference"] = ("Pseudonymous reference", "Pseudonyme Referenz"),
        ["persons.recorded"] = ("Recorded", "Erfasst"),
        ["persons.status"] = ("Status", "Status"),
        ["persons.subject"] = ("subject of the case", "Gegenstand des Falls"),
        ["persons.current"] = ("recorded", "erfasst"),
        ["persons.removed"] = ("removed", "entfernt"),
        ["persons.removedOn"] = ("removed by {0} on {1}", "entfernt von {0} am {1}"),
        ["persons.by"] = ("{0}, {1}", "{0}, {1}"),

        // Risk curve.
        ["curve.image"] = ("Risk curve: the level of each model assessment over the dates assessed as of", "Risikoverlauf: die Stufe jeder Modelleinschätzung über die Stichtage"),
        ["curve.asOf"] = ("As of", "Stichtag"),
        ["curve.level"] = ("Level", "Stufe"),
        ["curve.model"] = ("Model", "Modell"),
        ["curve.assessed"] = ("Assessed", "Eingeschätzt"),
        ["curve.empty"] = ("No model assessment yet.", "Noch keine Modelleinschätzung."),

        // Assessments.
        ["assessment.heading"] = ("{0} {1}, as of {2}", "{0} {1}, Stichtag {2}"),
        ["assessment.level"] = ("Result", "Ergebnis"),
        ["assessment.by"] = ("Run by", "Ausgeführt von"),
        ["assessment.indicators"] = ("Indicators that fired", "Ausgelöste Indikatoren"),
        ["assessment.indicator"] = ("Indicator", "Indikator"),
        ["assessment.explanation"] = ("Explanation", "Erläuterung"),
        ["assessment.evidence"] = ("Facts", "Tatsachen"),
        ["assessment.noIndicators"] = ("No indicator fired.", "Kein Indikator ausgelöst."),
        ["assessment.unknown"] = ("Unknown", "Unbekannt"),
        ["assessment.keyItems"] = ("Key items unknown, out of date or contested", "Schlüsselmerkmale unbekannt, veraltet oder strittig"),
        ["assessment.stale"] = ("Out of date", "Veraltet"),
        ["assessment.staleItem"] = ("{0} (last reported {1}, valid for {2})", "{0} (zuletzt berichtet am {1}, gültig für {2})"),
        ["assessment.contested"] = ("Contested", "Strittig"),
        ["assessment.contestedItem"] = ("{0}: {1}", "{0}: {1}"),
        ["assessment.actions"] = ("Recommended actions", "Empfohlene Maßnahmen"),
        ["assessment.action"] = ("Action", "Maßnahme"),
        ["assessment.experts"] = ("Experts", "Fachleute"),
        ["assessment.urgency"] = ("Urgency", "Dringlichkeit"),
        ["assessment.judgement"] = ("Assessor's judgement", "Fachliche Einschätzung"),
        ["assessment.judgementBy"] = ("recorded with the decision of {0} on {1}", "erfasst mit der Entscheidung von {0} am {1}"),
        ["assessment.noJudgement"] = ("No structured judgement was recorded for this assessment.", "Zu dieser Einschätzung wurde keine strukturierte fachliche Einschätzung erfasst."),
        ["assessment.challengers"] = ("Challenger models also ran (shadow mode; never shown as the result): {0}.", "Herausforderer-Modelle liefen mit (Schattenbetrieb; nie als Ergebnis gezeigt): {0}."),
        ["assessment.none"] = ("No model assessment yet.", "Noch keine Modelleinschätzung."),
        ["assessment.notInService"] = ("Model {0} {1} is no longer in service; its texts are shown as stored.", "Modell {0} {1} ist nicht mehr im Einsatz; seine Texte werden wie gespeichert gezeigt."),

        // The steps the engine adds itself (their ids), in the report's language.
        ["step.gather-key-items"] = ("Gather the key items listed above first.", "Zuerst die oben genannten Schlüsselmerkmale klären."),
        ["step.gather-missing"] = ("Find out the other missing items listed above.", "Die übrigen oben genannten fehlenden Angaben klären."),
        ["step.resolve-contradiction"] = ("Resolve the contradictory reports about “{0}”; until then the more concerning report is used.", "Die widersprüchlichen Angaben zu „{0}“ klären; bis dahin gilt die besorgniserregendere Angabe."),
        ["step.refresh-stale"] = ("Ask again about “{0}”: its last report is older than its validity window; until then it counts as unknown.", "„{0}“ erneut erfragen: Die letzte Angabe ist älter als ihr Gültigkeitszeitraum; bis dahin gilt sie als unbekannt."),

        // Validity windows (ISO 8601 periods such as P90D).
        ["period.year"] = ("{0} year", "{0} Jahr"),
        ["period.years"] = ("{0} years", "{0} Jahre"),
        ["period.month"] = ("{0} month", "{0} Monat"),
        ["period.months"] = ("{0} months", "{0} Monate"),
        ["period.week"] = ("{0} week", "{0} Woche"),
        ["period.weeks"] = ("{0} weeks", "{0} Wochen"),
        ["period.day"] = ("{0} day", "{0} Tag"),
        ["period.days"] = ("{0} days", "{0} Tage"),

        ["urgency.routine"] = ("routine", "Routine"),
        ["urgency.soon"] = ("soon", "bald"),
        ["urgency.immediate"] = ("immediate", "sofort"),

        ["expert.labour_law"] = ("Labour law", "Arbeitsrecht"),
        ["expert.hr"] = ("Human resources", "Personalabteilung"),
        ["expert.compliance"] = ("Compliance", "Compliance"),
        ["expert.psychologist"] = ("Psychologist", "Psychologie"),
        ["expert.security"] = ("Corporate security", "Unternehmenssicherheit"),
        ["expert.police"] = ("Police", "Polizei"),
        ["expert.medical"] = ("Medical", "Medizin"),
        ["expert.data_protection"] = ("Data protection", "Datenschutz"),
        ["expert.management"] = ("Management", "Geschäftsleitung"),
        ["expert.works_council"] = ("Works council", "Betriebsrat"),

        // Decisions.
        ["decision.date"] = ("Date", "Datum"),
        ["decision.by"] = ("Decided by", "Entschieden von"),
        ["decision.level"] = ("Level", "Stufe"),
        ["decision.agreement"] = ("Model", "Modell"),
        ["decision.rationale"] = ("Rationale", "Begründung"),
        ["decision.status"] = ("Status", "Status"),
        ["decision.effective"] = ("in effect", "wirksam"),
        ["decision.pending"] = ("pending – awaiting a second case manager", "offen – wartet auf eine zweite fallverantwortliche Person"),
        ["decision.confirmed"] = ("confirmed by {0} on {1}", "bestätigt von {0} am {1}"),
        ["decision.rejected"] = ("rejected by {0} on {1}, reason: {2}", "abgelehnt von {0} am {1}, Grund: {2}"),
        ["decision.comment"] = ("comment: {0}", "Kommentar: {0}"),
        ["decisionStatus.Effective"] = ("in effect", "wirksam"),
        ["decisionStatus.Pending"] = ("awaiting a second case manager", "wartet auf eine zweite fallverantwortliche Person"),
        ["decisionStatus.Confirmed"] = ("confirmed by a second case manager", "von einer zweiten fallverantwortlichen Person bestätigt"),
        ["decisionStatus.Rejected"] = ("rejected by a second case manager", "von einer zweiten fallverantwortlichen Person abgelehnt"),
        ["agreement.Followed"] = ("followed the model", "dem Modell gefolgt"),
        ["agreement.Overrode"] = ("overrode the model", "vom Modell abgewichen"),
        ["agreement.NoModel"] = ("no model involved", "ohne Modell"),

        // Tasks.
        ["task.title"] = ("Task", "Aufgabe"),
        ["task.owner"] = ("Owner", "Zuständig"),
        ["task.due"] = ("Due", "Fällig"),
        ["task.status"] = ("Status", "Status"),
        ["task.note"] = ("Completion note", "Erledigungsvermerk"),
        ["task.cancelled"] = ("cancelled: {0}", "abgebrochen: {0}"),

        // Timeline.
        ["timeline.when"] = ("When", "Wann"),
        ["timeline.who"] = ("Who", "Wer"),
        ["timeline.what"] = ("What", "Was"),
        ["timeline.details"] = ("Details", "Einzelheiten"),
        ["event.opened"] = ("Case opened", "Fall eröffnet"),
        ["event.opened.detail"] = ("Category: {0}", "Kategorie: {0}"),
        ["event.status"] = ("Stage changed", "Phase gewechselt"),
        ["event.status.detail"] = ("{0} → {1}", "{0} → {1}"),
        ["event.owner"] = ("Responsible case manager changed", "Fallverantwortung übergeben"),
        ["event.owner.detail"] = ("now {0}", "jetzt {0}"),
        ["event.member.added"] = ("Team member added", "Teammitglied hinzugefügt"),
        ["event.member.removed"] = ("Team member removed", "Teammitglied entfernt"),
        ["event.person.added"] = ("Person recorded", "Person erfasst"),
        ["event.person.removed"] = ("Person removed", "Person entfernt"),
        ["event.observation"] = ("Observation recorded", "Angabe erfasst"),
        ["event.observation.corrected"] = ("Observation corrected", "Angabe korrigiert"),
        ["event.observation.detail"] = ("{0}: {1} (observed {2})", "{0}: {1} (beobachtet am {2})"),
        ["event.assessment"] = ("Model assessment", "Modelleinschätzung"),
        ["event.assessment.detail"] = ("{0} {1}: {2}", "{0} {1}: {2}"),
        ["event.assessment.challenger"] = ("Challenger model ran (not shown as the result)", "Herausforderer-Modell lief mit (nicht als Ergebnis gezeigt)"),
        ["event.decision"] = ("Decision recorded", "Entscheidung erfasst"),
        ["event.decision.detail"] = ("{0}; {1}; {2}", "{0}; {1}; {2}"),
        ["event.decision.confirmed"] = ("Override confirmed", "Abweichung bestätigt"),
        ["event.decision.rejected"] = ("Override rejected", "Abweichung abgelehnt"),
        ["event.task"] = ("Task created", "Aufgabe angelegt"),
        ["event.task.detail"] = ("{0} – {1}, due {2}", "{0} – {1}, fällig am {2}"),
        ["event.task.done"] = ("Task completed", "Aufgabe erledigt"),
        ["event.task.cancelled"] = ("Task cancelled", "Aufgabe abgebrochen"),
        ["event.note"] = ("Note written", "Notiz geschrieben"),
        ["event.note.reply"] = ("Reply written", "Antwort geschrieben"),
        ["event.document"] = ("Document attached", "Dokument angehängt"),
        ["event.document.size"] = ("{0} bytes", "{0} Bytes"),
        ["event.review"] = ("Review scheduled", "Überprüfung geplant"),
        ["event.review.detail"] = ("due {0}", "fällig am {0}"),
        ["event.review.cleared"] = ("Review date cleared", "Überprüfungstermin entfernt"),

        // Case categories.
        ["category.Violence"] = ("Threat of violence", "Gewaltandrohung"),
        ["category.Bullying"] = ("Bullying or harassment", "Mobbing oder Belästigung"),
        ["category.Radicalisation"] = ("Radicalisation or extremism", "Radikalisierung oder Extremismus"),
        ["category.Stalking"] = ("Stalking", "Stalking"),
        ["category.Crisis"] = ("Personal crisis", "Persönliche Krise"),
        ["category.Other"] = ("Other", "Sonstiges"),

        // Members' roles.
        ["member.CaseManager"] = ("case manager", "Fallmanagement"),
        ["member.Psychologist"] = ("psychologist", "Psychologie"),
        ["member.LabourLaw"] = ("labour law", "Arbeitsrecht"),
        ["member.HumanResources"] = ("human resources", "Personalabteilung"),
        ["member.Compliance"] = ("compliance", "Compliance"),
        ["member.Security"] = ("corporate security", "Unternehmenssicherheit"),
        ["member.Police"] = ("police liaison", "Polizeikontakt"),
        ["member.Other"] = ("other expert", "weitere Fachperson"),

        // Source reliability.
        ["reliability.documented"] = ("documented", "dokumentiert"),
        ["reliability.first_hand"] = ("first-hand", "aus erster Hand"),
        ["reliability.second_hand"] = ("second-hand", "aus zweiter Hand"),
        ["reliability.hearsay"] = ("hearsay", "vom Hörensagen"),
    };

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/> (<c>de</c>; anything else gives English).</summary>
    public static string T(string key, string language) => language == "de" ? All[key].De : All[key].En;

    /// <summary>The text of <paramref name="key"/> with its placeholders filled (invariant culture).</summary>
    public static string F(string key, string language, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, T(key, language), args);

    /// <summary>The text of an enum-valued key (<c>prefix.Name</c>), or the raw name when there is none.</summary>
    public static string Named(string prefix, string name, string language) =>
        All.ContainsKey(prefix + "." + name) ? T(prefix + "." + name, language) : name;

    /// <summary>An ISO 8601 period for people (<c>P90D</c> → "90 days" / "90 Tage"); the period itself when it has another form.</summary>
    public static string Period(string iso, string language)
    {
        var match = System.Text.RegularExpressions.Regex.Match(iso, @"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        if (!match.Success || iso == "P")
        {
            return iso;
        }

        string[] units = ["year", "month", "week", "day"];
        var parts = new List<string>();
        for (var i = 0; i < units.Length; i++)
        {
            if (match.Groups[i + 1].Success && int.TryParse(match.Groups[i + 1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                parts.Add(F("period." + units[i] + (n == 1 ? "" : "s"), language, n));
            }
        }

        return parts.Count == 0 ? iso : string.Join(", ", parts);
    }

    /// <summary>A date and time for people: <c>2026-11-20 08:00 UTC</c> in English, <c>20.11.2026 08:00 UTC</c> in German.</summary>
    public static string DateTime(DateTimeOffset at, string language) =>
        at.UtcDateTime.ToString(language == "de" ? "dd.MM.yyyy HH:mm 'UTC'" : "yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A date for people: <c>2026-11-20</c> in English, <c>20.11.2026</c> in German.</summary>
    public static string Date(DateTimeOffset at, string language) =>
        at.UtcDateTime.ToString(language == "de" ? "dd.MM.yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
