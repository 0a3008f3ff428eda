namespace Tma.Models.Packaging;

/// <summary>One failed check of a package archive, naming the check and what it concerns.</summary>
/// <param name="Check">Which check failed.</param>
/// <param name="Subject">What failed it: a package file (<c>model.yaml</c>), <c>manifest.json</c>, the signature file or the archive.</param>
/// <param name="Message">A plain-language explanation (never contains key material).</param>
public sealed record VerificationProblem(VerificationCheck Check, string Subject, string Message)
{
    /// <summary>The check's name as printed: <c>file-hash</c>, <c>signature</c>, ….</summary>
    public string CheckName => Check switch
    {
        VerificationCheck.ContentHash => "content-hash",
        VerificationCheck.MissingFile => "missing-file",
        VerificationCheck.ExtraFile => "extra-file",
        VerificationCheck.FileSize => "file-size",
        VerificationCheck.FileHash => "file-hash",
        _ => Check.ToString().ToLowerInvariant(),
    };

    /// <summary>Formats as <c>subject: [check] message</c>.</summary>
    public override string ToString() => $"{Subject}: [{CheckName}] {Message}";
}
