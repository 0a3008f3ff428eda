using System.Security.Cryptography;

namespace Tma.Models.Packaging;

/// <summary>
/// A private ECDSA P-256 key that signs package manifests. Keys are stored in standard PEM: the private key as
/// PKCS#8 (<c>-----BEGIN PRIVATE KEY-----</c>), the public key as SubjectPublicKeyInfo (<c>-----BEGIN PUBLIC KEY-----</c>).
/// </summary>
public sealed class PackageSigningKey : IDisposable
{
    private readonly ECDsa _ecdsa;

    private PackageSigningKey(ECDsa ecdsa)
    {
        _ecdsa = ecdsa;
        PublicKey = TrustedKey.FromSubjectPublicKeyInfo(ecdsa.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The matching public key.</summary>
    public TrustedKey PublicKey { get; }

    /// <summary>The key id of the public key (<c>sha256:…</c>).</summary>
    public string KeyId => PublicKey.KeyId;

    /// <summary>Generates a new key pair from the operating system's cryptographic random source.</summary>
    public static PackageSigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Reads a private key from PEM text (PKCS#8 <c>PRIVATE KEY</c>, or SEC1 <c>EC PRIVATE KEY</c>).</summary>
    /// <exception cref="FormatException">The text holds no unencrypted ECDSA P-256 private key. The message never contains key material.</exception>
    public static PackageSigningKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var label = TrustedKey.PemLabel(pem);
        if (label is not ("PRIVATE KEY" or "EC PRIVATE KEY"))
        {
            throw new FormatException(label switch
            {
                null => "no PEM block found (expected -----BEGIN PRIVATE KEY-----)",
                "ENCRYPTED PRIVATE KEY" => "encrypted private keys are not supported; keep the key in a secret store and pass it decrypted",
                "PUBLIC KEY" => "this is a public key; signing needs the private key (<name>.private.pem)",
                _ => $"unexpected PEM block `{label}` (expected PRIVATE KEY)",
            });
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            TrustedKey.EnsureP256(ecdsa);
            return new PackageSigningKey(ecdsa);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or FormatException)
        {
            ecdsa.Dispose();
            throw new FormatException("the PEM block is not a readable ECDSA P-256 private key");
        }
    }

    /// <summary>Reads a private key file (see <see cref="FromPem"/>).</summary>
    /// <exception cref="FormatException">The file holds no ECDSA P-256 private key.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PackageSigningKey FromPemFile(string path) => FromPem(File.ReadAllText(path));

    /// <summary>The private key as PKCS#8 PEM text.</summary>
    public string ExportPrivateKeyPem() => _ecdsa.ExportPkcs8PrivateKeyPem();

    /// <summary>The public key as SubjectPublicKeyInfo PEM text.</summary>
    public string ExportPublicKeyPem() => PublicKey.ToPem();

    /// <summary>Signs the manifest of <paramref name="archive"/> (its exact bytes) and returns the detached signature.</summary>
    /// <exception cref="InvalidOperationException">The archive has no readable manifest.</exception>
    public PackageSignature Sign(PackageArchive archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var manifest = archive.Manifest ?? throw new InvalidOperationException($"{archive.Name} has no readable manifest to sign.");
        var signature = _ecdsa.SignData(archive.ManifestBytes.Span, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new PackageSignature(
            PackageSignature.EcdsaP256Sha256,
            KeyId,
            Convert.ToBase64String(signature),
            $"{manifest.Id}@{manifest.Version}",
            Convert.ToHexStringLower(SHA256.HashData(archive.ManifestBytes.Span)));
    }

    /// <summary>Releases the key.</summary>
    public void Dispose() => _ecdsa.Dispose();
}
