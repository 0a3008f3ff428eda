namespace Tma.Models.Diagnostics;

/// <summary>How serious a diagnostic is. Errors make a model or case unusable; warnings do not.</summary>
public enum Severity
{
    /// <summary>The input can be used, but something deserves a look.</summary>
    Warning,

    /// <summary>The input cannot be used.</summary>
    Error,
}

/// <summary>One problem found in a user's file, with a stable code, its location and a plain message.</summary>
/// <param name="Code">Stable identifier such as <c>TMA0101</c>, documented in docs/model-format.md.</param>
/// <param name="Severity">Whether the problem blocks use.</param>
/// <param name="Location">Where the problem is.</param>
/// <param name="Message">A plain-language message that never contains case values (personal data).</param>
public sealed record Diagnostic(string Code, Severity Severity, SourceLocation Location, string Message)
{
    /// <summary>Formats as <c>file:line:column: error TMA0101: message</c>, the shape editors and CI logs understand.</summary>
    public override string ToString() =>
        $"{Location}: {(Severity == Severity.Error ? "error" : "warning")} {Code}: {Message}";
}
