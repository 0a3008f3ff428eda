namespace Tma.Scoring.Hosting;

/// <summary>No package version in service matches a requested <c>id@range</c>. The message lists the versions that are in service.</summary>
public sealed class ModelNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reference">The reference that was requested (<c>id@range</c>).</param>
    /// <param name="available">The versions of that id in service (may be empty).</param>
    public ModelNotFoundException(string reference, IReadOnlyList<string> available)
        : base(available.Count == 0
            ? $"No version of model package `{reference.Split('@')[0]}` is in service (requested `{reference}`)."
            : $"No version of `{reference}` is in service; available: {string.Join(", ", available)}.")
    {
        Reference = reference;
        Available = available;
    }

    /// <summary>The reference that was requested.</summary>
    public string Reference { get; }

    /// <summary>The versions of that id in service.</summary>
    public IReadOnlyList<string> Available { get; }
}
