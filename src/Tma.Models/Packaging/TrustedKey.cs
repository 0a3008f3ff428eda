using System.Security.Cryptography;

namespace Tma.Models.Packaging;

/// <summary>
/// A public key (ECDSA P-256) whose signatures a host or a CI step trusts. Immutable and safe to share between
/// threads. Its <see cref="KeyId"/> is <c>sha256:</c> and the SHA-256 of its SubjectPublicKeyInfo (DER).
/// </summary>
public sealed class TrustedKey
{
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private readonly byte[] _subjectPublicKeyInfo;

    private TrustedKey(byte[] subjectPublicKeyInfo)
    {
        _subjectPublicKeyInfo = subjectPublicKeyInfo;
        KeyId = ComputeKeyId(subjectPublicKeyInfo);
    }

    /// <summary><c>sha256:</c> and the lower-case hex SHA-256 of the DER SubjectPublicKeyInfo.</summary>
    public string KeyId { get; }

    /// <summary>Reads a public key from PEM text (<c>-----BEGIN PUBLIC KEY-----</c>, SubjectPublicKeyInfo).</summary>
    /// <exception cref="FormatException">The text holds no public key, a private key, or a key that is not ECDSA P-256. The message never contains key material.</exception>
    public static TrustedKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var label = PemLabel(pem);
        if (label is null)
        {
            throw new FormatException("no PEM block found (expected -----BEGIN PUBLIC KEY-----)");
        }

        if (label.Contains("PRIVATE", StringComparison.Ordinal))
        {
            throw new FormatException("this is a private key; a trusted key must be the public key (<name>.public.pem)");
        }

        if (label != "PUBLIC KEY")
        {
            throw new FormatException($"unexpected PEM block `{label}` (expected PUBLIC KEY)");
        }

        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            EnsureP256(ecdsa);
            return new TrustedKey(ecdsa.ExportSubjectPublicKeyInfo());
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new FormatException("the PEM block is not a readable ECDSA P-256 public key");
        }
    }

    /// <summary>Reads a public key file (see <see cref="FromPem"/>).</summary>
    /// <exception cref="FormatException">The file holds no ECDSA P-256 public key.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TrustedKey FromPemFile(string path) => FromPem(File.ReadAllText(path));

    /// <summary>The key as PEM text (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    public string ToPem() => PemEncoding.WriteString("PUBLIC KEY", _subjectPublicKeyInfo);

    /// <summary>True when <paramref name="signature"/> (IEEE P1363, r‖s) is this key's ECDSA-SHA256 signature of <paramref name="data"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
        return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    internal static string ComputeKeyId(byte[] subjectPublicKeyInfo) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo));

    internal static string? PemLabel(string pem) =>
        PemEncoding.TryFind(pem, out var fields) ? pem[fields.Label] : null;

    internal static void EnsureP256(ECDsa ecdsa)
    {
        var curve = ecdsa.ExportParameters(includePrivateParameters: false).Curve;
        if (!curve.IsNamed || curve.Oid.Value != P256Oid)
        {
            throw new FormatException("the key is not an ECDSA P-256 key");
        }
    }

    internal static TrustedKey FromSubjectPublicKeyInfo(byte[] subjectPublicKeyInfo) => new(subjectPublicKeyInfo);
}
