using System.Security.Cryptography;
using Tma.Models.Packaging;
using static Tma.Models.Tests.Packaging.PackagingFixtures;

namespace Tma.Models.Tests.Packaging;

public sealed class SigningTests
{
    [Fact]
    public void Generated_keys_are_standard_pem_that_dotnet_reads_back_as_p256()
    {
        using var key = PackageSigningKey.Generate();
        var privatePem = key.ExportPrivateKeyPem();
        var publicPem = key.ExportPublicKeyPem();

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", privatePem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", publicPem, StringComparison.Ordinal);
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(publicPem);
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, ecdsa.ExportParameters(false).Curve.Oid.Value);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo())), key.KeyId);
        using var reread = PackageSigningKey.FromPem(privatePem);
        Assert.Equal(key.KeyId, reread.KeyId);
        Assert.Equal(key.KeyId, TrustedKey.FromPem(publicPem).KeyId);
    }

    [Fact]
    public void A_signature_is_an_ecdsa_p256_sha256_signature_over_the_exact_manifest_bytes()
    {
        using var temp = new TempDirectory();
        using var key = PackageSigningKey.Generate();
        var archive = PackageArchive.Read(Pack(WritePackage(temp.Path, "pkg"), temp.Combine("out")));

        var signature = key.Sign(archive);

        // Checked with the platform's ECDSA directly, not with the code under test.
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key.ExportPublicKeyPem());
        Assert.True(ecdsa.VerifyData(archive.ManifestBytes.Span, Convert.FromBase64String(signature.Signature), HashAlgorithmName.SHA256));
        Assert.Equal(PackageSignature.EcdsaP256Sha256, signature.Algorithm);
        Assert.Equal("corpus-model@1.0.0", signature.Package);
        Assert.True(PackageSignature.TryParse(signature.ToJson(), out var parsed, out _));
        Assert.Equal(signature, parsed);
    }

    [Fact]
    public void A_signed_untampered_archive_verifies()
    {
        using var temp = new TempDirectory();
        using var key = PackageSigningKey.Generate();
        var archive = Pack(WritePackage(temp.Path, "pkg"), temp.Combine("out"));
        Sign(archive, key);

        var result = Verify(archive, key.PublicKey);

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal(key.KeyId, result.SignedBy);
        Assert.False(result.UnsignedAccepted);
    }

    [Fact]
    public void A_private_key_is_not_accepted_as_a_trusted_key()
    {
        using var key = PackageSigningKey.Generate();

        var error = Assert.Throws<FormatException>(() => TrustedKey.FromPem(key.ExportPrivateKeyPem()));

        Assert.Contains("private key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MII", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")]
    public void Unreadable_public_keys_are_a_format_error(string pem) =>
        Assert.Throws<FormatException>(() => TrustedKey.FromPem(pem));

    [Fact]
    public void Keys_on_other_curves_are_refused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var error = Assert.Throws<FormatException>(() => TrustedKey.FromPem(p384.ExportSubjectPublicKeyInfoPem()));
        Assert.Throws<FormatException>(() => PackageSigningKey.FromPem(p384.ExportPkcs8PrivateKeyPem()));
        Assert.Contains("P-256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_key_cannot_sign()
    {
        using var key = PackageSigningKey.Generate();

        var error = Assert.Throws<FormatException>(() => PackageSigningKey.FromPem(key.ExportPublicKeyPem()));

        Assert.Contains("public key", error.Message, StringComparison.Ordinal);
    }
}
