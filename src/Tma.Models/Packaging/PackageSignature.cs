using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Tma.Models.Packaging;

/// <summary>
/// A detached signature over a package's <c>manifest.json</c> bytes, stored next to the archive as
/// <c>&lt;archive&gt;.sig</c> (canonical JSON). <see cref="Package"/> and <see cref="ManifestSha256"/> are not
/// trusted — only the signature is — but they let a failed verification say <em>why</em> it failed (a signature
/// copied from another package, or a manifest changed after signing).
/// </summary>
/// <param name="Algorithm">Signature algorithm; <see cref="EcdsaP256Sha256"/>.</param>
/// <param name="KeyId">Key id of the signing key (<c>sha256:</c> and the SHA-256 of its SubjectPublicKeyInfo).</param>
/// <param name="Signature">Base64 of the IEEE P1363 (r‖s) ECDSA signature.</param>
/// <param name="Package">The signed package as <c>id@version</c> (informational).</param>
/// <param name="ManifestSha256">Lower-case hex SHA-256 of the signed manifest bytes (informational).</param>
public sealed record PackageSignature(string Algorithm, string KeyId, string Signature, string Package, string ManifestSha256)
{
    /// <summary>ECDSA over NIST P-256 with SHA-256.</summary>
    public const string EcdsaP256Sha256 = "ecdsa-p256-sha256";

    /// <summary>Largest signature file accepted, in bytes.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The signature file's canonical JSON.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, CanonicalJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("algorithm", Algorithm);
            json.WriteString("keyId", KeyId);
            json.WriteString("manifestSha256", ManifestSha256);
            json.WriteString("package", Package);
            json.WriteString("signature", Signature);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a signature file.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out PackageSignature? signature, [NotNullWhen(false)] out string? problem)
    {
        signature = null;
        if (utf8Json.Length > MaxBytes)
        {
            problem = "the signature file is too large";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            var root = document.RootElement;
            if (!CanonicalJson.HasExactly(root, ["algorithm", "keyId", "manifestSha256", "package", "signature"], out var shape))
            {
                problem = "the signature file " + shape;
                return false;
            }

            signature = new PackageSignature(
                CanonicalJson.String(root, "algorithm"),
                CanonicalJson.String(root, "keyId"),
                CanonicalJson.String(root, "signature"),
                CanonicalJson.String(root, "package"),
                CanonicalJson.String(root, "manifestSha256"));
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            problem = "the signature file is not well-formed signature JSON";
            return false;
        }
    }
}
