using System.Text;

namespace Tma.CaseStore;

/// <summary>
/// Where <see cref="Pkcs11KeyProvider"/> finds its key-encryption keys: a PKCS#11 module (the HSM vendor's library,
/// or SoftHSM2 for tests), one token on it, the user PIN, and the label of the current AES key.
/// </summary>
/// <remarks><see cref="ToString"/> never shows the PIN.</remarks>
public sealed record Pkcs11KeyProviderOptions
{
    /// <summary>Path of the PKCS#11 module (a shared library such as <c>/usr/lib/softhsm/libsofthsm2.so</c>). Required.</summary>
    public required string ModulePath { get; init; }

    /// <summary>Label of the token to use; give this or <see cref="SlotId"/>. Labels survive re-initialisation, slot ids may not.</summary>
    public string? TokenLabel { get; init; }

    /// <summary>Slot id of the token to use; give this or <see cref="TokenLabel"/>.</summary>
    public ulong? SlotId { get; init; }

    /// <summary>The user PIN of the token. Required; never logged or shown.</summary>
    public required string Pin { get; init; }

    /// <summary>
    /// Label of the AES key that wraps new data keys (the provider's <see cref="IKeyProvider.CurrentKeyId"/>). Keys
    /// wrapped under other labels on the same token still unwrap, which is how a rotation from one key to the next
    /// works.
    /// </summary>
    public required string KeyLabel { get; init; }

    /// <summary>
    /// Development only: generate the AES-256 key <see cref="KeyLabel"/> on the token (sensitive, not extractable)
    /// when it does not exist. Default false: a missing key is an error.
    /// </summary>
    public bool CreateMissingKey { get; init; }

    /// <summary>Sessions kept open for reuse between calls (default 8); more are opened while more calls run at once.</summary>
    public int MaxIdleSessions { get; init; } = 8;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ModulePath = ").Append(ModulePath)
            .Append(", TokenLabel = ").Append(TokenLabel)
            .Append(", SlotId = ").Append(SlotId?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(", Pin = ***, KeyLabel = ").Append(KeyLabel)
            .Append(", CreateMissingKey = ").Append(CreateMissingKey ? "true" : "false");
        return true;
    }
}
