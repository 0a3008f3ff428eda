namespace Tma.Models.Diagnostics;

/// <summary>
/// The outcome of reading a user's file: either a value, or the complete list of problems. A load never
/// half-succeeds: when <see cref="Succeeded"/> is false, <see cref="Value"/> is null.
/// </summary>
/// <typeparam name="T">The type read.</typeparam>
public sealed class LoadResult<T>
    where T : class
{
    private LoadResult(T? value, IReadOnlyList<Diagnostic> diagnostics)
    {
        Value = value;
        Diagnostics = diagnostics;
    }

    /// <summary>The value read, or null when there were errors.</summary>
    public T? Value { get; }

    /// <summary>Every diagnostic, errors and warnings, sorted by location.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when the value could be read without errors.</summary>
    public bool Succeeded => Value is not null;

    /// <summary>Builds the result from a bag: the value is kept only when the bag has no errors.</summary>
    public static LoadResult<T> From(T? value, DiagnosticBag bag) =>
        new(bag.HasErrors ? null : value, bag.Sorted());

    /// <summary>A failed result with the given diagnostics.</summary>
    public static LoadResult<T> Failed(IReadOnlyList<Diagnostic> diagnostics) => new(null, diagnostics);

    /// <summary>Returns the value or throws <see cref="ModelLoadException"/> listing every error.</summary>
    public T GetValueOrThrow() => Value ?? throw new ModelLoadException(Diagnostics);
}
