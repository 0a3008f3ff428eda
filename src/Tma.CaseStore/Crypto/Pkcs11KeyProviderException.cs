namespace Tma.CaseStore;

/// <summary>Why <see cref="Pkcs11KeyProvider.Open"/> could not start.</summary>
public enum Pkcs11Failure
{
    /// <summary>The module file does not exist or cannot be loaded as a PKCS#11 library.</summary>
    ModuleNotFound,

    /// <summary>The module loaded but failed to initialise or to list its slots.</summary>
    ModuleFailed,

    /// <summary>No token with the configured label or slot id.</summary>
    TokenNotFound,

    /// <summary>The PIN was refused (wrong, wrong length, or locked).</summary>
    WrongPin,

    /// <summary>No AES secret key with the configured label on the token.</summary>
    KeyNotFound,

    /// <summary>More than one AES secret key carries the configured label.</summary>
    KeyAmbiguous,

    /// <summary>The key exists but cannot wrap and unwrap with AES-GCM (missing CKA_ENCRYPT/CKA_DECRYPT or mechanism).</summary>
    KeyUnusable,
}

/// <summary>
/// The PKCS#11 key provider cannot start. The message says what is wrong and with which module, token or key label;
/// it never contains the PIN. Hosts map <see cref="Reason"/> to the setting the operator has to fix.
/// </summary>
public sealed class Pkcs11KeyProviderException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">What failed.</param>
    /// <param name="message">A message without secrets.</param>
    /// <param name="inner">The module's own error, if any.</param>
    public Pkcs11KeyProviderException(Pkcs11Failure reason, string message, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
    }

    /// <summary>What failed.</summary>
    public Pkcs11Failure Reason { get; }
}
