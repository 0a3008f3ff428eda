namespace Tma.Cli.Rendering;

/// <summary>The headings and fixed phrases of the readable assessment, per language (the texts come from the assessment).</summary>
internal sealed record ReportWords(
    string Language,
    string Conclusion,
    string Level,
    string AtLeast,
    string NoLevel,
    string Possible,
    string Score,
    string Probability,
    string Judgement,
    string Facts,
    string NoFacts,
    string Contradictions,
    string Used,
    string Stale,
    string Why,
    string NoIndicator,
    string Contributions,
    string Components,
    string RaisedFrom,
    string Next,
    string NoAction,
    string Involve,
    string Missing,
    string NothingMissing,
    string KeyItems,
    string On)
{
    public static ReportWords English { get; } = new(
        "en", "CONCLUSION", "LEVEL", "at least", "none — unassessable", "POSSIBLE", "SCORE", "PROB",
        "JUDGEMENT", "FACTS", "No current fact is known.", "CONTRADICTIONS", "used until resolved", "NO LONGER CURRENT",
        "WHY", "No indicator fired.", "Largest feature contributions to the classifier's score (log-odds):", "COMPONENTS",
        "raised from {0} to at least {1}: {2} (critical item `{3}`)", "WHAT TO DO NEXT", "No action recommended by the model.",
        "involve", "WHAT IS MISSING", "Nothing: all required inputs are known.", "key items", "on");

    public static ReportWords German { get; } = new(
        "de", "SCHLUSSFOLGERUNG", "STUFE", "mindestens", "keine — nicht einschätzbar", "MÖGLICH", "WERT", "WAHRSCH.",
        "URTEIL", "FAKTEN", "Keine aktuelle Tatsache bekannt.", "WIDERSPRÜCHE", "verwendet bis zur Klärung", "NICHT MEHR AKTUELL",
        "WARUM", "Kein Indikator hat angeschlagen.", "Größte Beiträge der Merkmale zum Wert des Klassifikators (Log-Odds):", "KOMPONENTEN",
        "angehoben von {0} auf mindestens {1}: {2} (kritisches Item `{3}`)", "NÄCHSTE SCHRITTE", "Das Modell empfiehlt keine Maßnahme.",
        "beteiligen", "WAS FEHLT", "Nichts: alle erforderlichen Angaben sind bekannt.", "Schlüsselitems", "am");

    public static ReportWords For(string language) => language == "de" ? German : English;

    /// <summary>An expert role as a reader says it (the ids are the format's, e.g. <c>labour_law</c>).</summary>
    public string Expert(string expert) => (Language, expert) switch
    {
        ("de", "labour_law") => "Arbeitsrecht",
        ("de", "hr") => "Personalabteilung",
        ("de", "compliance") => "Compliance",
        ("de", "psychologist") => "Psychologie",
        ("de", "security") => "Unternehmenssicherheit",
        ("de", "police") => "Polizei",
        ("de", "medical") => "Medizin",
        ("de", "data_protection") => "Datenschutz",
        ("de", "management") => "Führungskraft",
        ("de", "works_council") => "Betriebsrat",
        _ => expert.Replace('_', ' '),
    };

    /// <summary>The urgency of an action as a reader says it.</summary>
    public string Urgency(string urgency) => (Language, urgency) switch
    {
        ("de", "immediate") => "sofort",
        ("de", "soon") => "bald",
        ("de", "routine") => "Routine",
        _ => urgency,
    };
}
