using Tma.Models.Diagnostics;

namespace Tma.Scoring;

/// <summary>Thrown when a case does not fit the model; lists every problem by field (never the values of the case).</summary>
public sealed class InvalidCaseException : Exception
{
    /// <summary>Creates the exception from the diagnostics of case resolution.</summary>
    public InvalidCaseException(IReadOnlyList<Diagnostic> diagnostics)
        : base("The case does not fit the model:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Message)))
        => Diagnostics = diagnostics;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
