namespace Tma.Models.Definitions;

/// <summary>
/// Special categories of personal data (GDPR Art. 9, and criminal-offence data under Art. 10) that an input may
/// record. Such inputs are flagged wherever they appear, so that access, purpose and retention can be checked.
/// </summary>
public enum SpecialCategory
{
    /// <summary>Data concerning health, including mental health (Art. 9).</summary>
    Health,

    /// <summary>Data concerning a person's sex life or sexual orientation (Art. 9).</summary>
    SexLife,

    /// <summary>Religious or philosophical beliefs (Art. 9).</summary>
    Beliefs,

    /// <summary>Political opinions (Art. 9).</summary>
    PoliticalOpinions,

    /// <summary>Racial or ethnic origin (Art. 9).</summary>
    EthnicOrigin,

    /// <summary>Trade-union membership (Art. 9).</summary>
    TradeUnion,

    /// <summary>Genetic data (Art. 9).</summary>
    Genetic,

    /// <summary>Biometric data for identification (Art. 9).</summary>
    Biometric,

    /// <summary>Criminal convictions and offences (Art. 10).</summary>
    CriminalOffences,
}

/// <summary>YAML names of <see cref="SpecialCategory"/> and the article that covers each.</summary>
public static class SpecialCategoryNames
{
    private static readonly (SpecialCategory Category, string Name)[] Names =
    [
        (SpecialCategory.Health, "health"), (SpecialCategory.SexLife, "sex_life"), (SpecialCategory.Beliefs, "beliefs"),
        (SpecialCategory.PoliticalOpinions, "political_opinions"), (SpecialCategory.EthnicOrigin, "ethnic_origin"),
        (SpecialCategory.TradeUnion, "trade_union"), (SpecialCategory.Genetic, "genetic"), (SpecialCategory.Biometric, "biometric"),
        (SpecialCategory.CriminalOffences, "criminal_offences"),
    ];

    /// <summary>Every name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Name)];

    /// <summary>The YAML name of a category.</summary>
    public static string Of(SpecialCategory category) => Names.First(n => n.Category == category).Name;

    /// <summary>Parses a YAML name.</summary>
    public static bool TryParse(string? name, out SpecialCategory category)
    {
        foreach (var (c, n) in Names)
        {
            if (n == name)
            {
                category = c;
                return true;
            }
        }

        category = default;
        return false;
    }

    /// <summary>The GDPR article that governs the category: 9 for special categories, 10 for criminal-offence data.</summary>
    public static int Article(SpecialCategory category) => category == SpecialCategory.CriminalOffences ? 10 : 9;
}
