using System.Globalization;
using System.Text;

namespace Tma.Host;

/// <summary>
/// The PKCS#11 key provider's settings, section <c>Tma:Pkcs11</c> (or <c>Tma:PreviousPkcs11</c> for the provider a
/// rotation moves away from). <see cref="ToString"/> never shows the PIN.
/// </summary>
public sealed record Pkcs11Settings
{
    /// <summary>The configuration section these settings come from, for messages (e.g. <c>Tma:Pkcs11</c>).</summary>
    public string Section { get; init; } = "Tma:Pkcs11";

    /// <summary>Path of the HSM vendor's PKCS#11 module (<c>Module</c>).</summary>
    public string? Module { get; init; }

    /// <summary>Label of the token (<c>TokenLabel</c>); give this or <see cref="Slot"/>.</summary>
    public string? TokenLabel { get; init; }

    /// <summary>Slot id of the token as written in configuration (<c>Slot</c>); give this or <see cref="TokenLabel"/>.</summary>
    public string? Slot { get; init; }

    /// <summary>The user PIN (<c>Pin</c>, e.g. from the environment variable <c>Tma__Pkcs11__Pin</c>); give this or <see cref="PinFile"/>.</summary>
    public string? Pin { get; init; }

    /// <summary>A file holding the user PIN (<c>PinFile</c>, e.g. a mounted secret); trailing white space is ignored.</summary>
    public string? PinFile { get; init; }

    /// <summary>Label of the AES key that wraps new data keys (<c>KeyLabel</c>); keys under other labels on the token still unwrap.</summary>
    public string? KeyLabel { get; init; }

    /// <summary>Development only (<c>CreateKey</c>): generate the key on the token when it is missing. Default false.</summary>
    public bool CreateKey { get; init; }

    /// <summary>Every problem with these settings; <paramref name="development"/> allows <see cref="CreateKey"/>.</summary>
    public IReadOnlyList<string> Problems(bool development)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Module))
        {
            problems.Add($"keys: {Section}:Module: give the path of the HSM's PKCS#11 module (e.g. /usr/lib/softhsm/libsofthsm2.so)");
        }
        else if (!File.Exists(Module))
        {
            problems.Add($"keys: {Section}:Module: PKCS#11 module `{Module}` does not exist");
        }

        if (string.IsNullOrWhiteSpace(TokenLabel) == string.IsNullOrWhiteSpace(Slot))
        {
            problems.Add($"keys: {Section}:TokenLabel / {Section}:Slot: give exactly one of the token's label and its slot id");
        }
        else if (!string.IsNullOrWhiteSpace(Slot) && !ulong.TryParse(Slot, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            problems.Add($"keys: {Section}:Slot: `{Slot}` is not a slot id (a whole number)");
        }

        if (string.IsNullOrEmpty(Pin) == string.IsNullOrWhiteSpace(PinFile))
        {
            problems.Add($"keys: {Section}:Pin / {Section}:PinFile: give exactly one of the token's user PIN and a file holding it");
        }
        else if (!string.IsNullOrWhiteSpace(PinFile) && !File.Exists(PinFile))
        {
            problems.Add($"keys: {Section}:PinFile: file `{PinFile}` does not exist");
        }

        if (string.IsNullOrWhiteSpace(KeyLabel))
        {
            problems.Add($"keys: {Section}:KeyLabel: give the label of the AES key-encryption key on the token");
        }

        if (CreateKey && !development)
        {
            problems.Add($"keys: {Section}:CreateKey is for development only (Tma:Development); create the key with the HSM's own tools (docs/operations.md)");
        }

        return problems;
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Section = ").Append(Section)
            .Append(", Module = ").Append(Module)
            .Append(", TokenLabel = ").Append(TokenLabel)
            .Append(", Slot = ").Append(Slot)
            .Append(", Pin = ").Append(Pin is null ? "" : "***")
            .Append(", PinFile = ").Append(PinFile)
            .Append(", KeyLabel = ").Append(KeyLabel)
            .Append(", CreateKey = ").Append(CreateKey ? "true" : "false");
        return true;
    }
}
