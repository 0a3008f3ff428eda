namespace Tma.Models.Definitions;

/// <summary>The names experts have in model files and assessments (e.g. <c>labour_law</c>).</summary>
public static class ExpertNames
{
    private static readonly Dictionary<string, Expert> ByName = new(StringComparer.Ordinal)
    {
        ["labour_law"] = Expert.LabourLaw,
        ["hr"] = Expert.HumanResources,
        ["compliance"] = Expert.Compliance,
        ["psychologist"] = Expert.Psychologist,
        ["security"] = Expert.Security,
        ["police"] = Expert.Police,
        ["medical"] = Expert.Medical,
        ["data_protection"] = Expert.DataProtection,
        ["management"] = Expert.Management,
        ["works_council"] = Expert.WorksCouncil,
    };

    /// <summary>Every name, in declaration order.</summary>
    public static IReadOnlyCollection<string> All => ByName.Keys;

    /// <summary>The name of an expert.</summary>
    public static string Of(Expert expert) => ByName.First(e => e.Value == expert).Key;

    /// <summary>Looks up an expert by name.</summary>
    public static bool TryParse(string name, out Expert expert) => ByName.TryGetValue(name, out expert);
}
