namespace Tma.Models.Text;

/// <summary>The languages the engine writes its own texts in (ISO 639-1 codes); models may declare these.</summary>
public static class LanguageCodes
{
    /// <summary>English, the default.</summary>
    public const string English = "en";

    /// <summary>German.</summary>
    public const string German = "de";

    /// <summary>Every language the engine's own texts (messages, default scale labels) exist in.</summary>
    public static IReadOnlyList<string> Supported { get; } = [English, German];

    /// <summary>True when the engine can write its own texts in <paramref name="language"/>.</summary>
    public static bool IsSupported(string? language) => language is English or German;
}
