namespace Tma.Models.Cases;

/// <summary>How directly a source knows what it reports; shown beside every fact in an explanation.</summary>
public enum SourceReliability
{
    /// <summary>A document or record that shows it (a message, a post, a letter, a log entry).</summary>
    Documented,

    /// <summary>The source saw or heard it themselves.</summary>
    FirstHand,

    /// <summary>The source was told by someone who saw or heard it.</summary>
    SecondHand,

    /// <summary>Rumour: the source cannot say where it comes from.</summary>
    Hearsay,
}

/// <summary>Names of <see cref="SourceReliability"/> in case files, the store and JSON.</summary>
public static class SourceReliabilityNames
{
    /// <summary>Every name, most direct first.</summary>
    public static IReadOnlyList<string> All { get; } = ["documented", "first_hand", "second_hand", "hearsay"];

    /// <summary>The name of a reliability grade.</summary>
    public static string Of(SourceReliability reliability) => All[(int)reliability];

    /// <summary>Parses a name.</summary>
    public static bool TryParse(string? name, out SourceReliability reliability)
    {
        var index = name is null ? -1 : All.ToList().IndexOf(name);
        reliability = index < 0 ? default : (SourceReliability)index;
        return index >= 0;
    }
}
