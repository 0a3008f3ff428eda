namespace Tma.Models.Diagnostics;

/// <summary>Thrown by <c>GetValueOrThrow</c> style helpers when a file has errors; carries every diagnostic.</summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception from the diagnostics of a failed load.</summary>
    public ModelLoadException(IReadOnlyList<Diagnostic> diagnostics)
        : base(Describe(diagnostics)) => Diagnostics = diagnostics;

    /// <summary>Every diagnostic of the failed load.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string Describe(IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.Count == 0
            ? "The file could not be loaded."
            : string.Join(Environment.NewLine, diagnostics.Where(d => d.Severity == Severity.Error));
}
