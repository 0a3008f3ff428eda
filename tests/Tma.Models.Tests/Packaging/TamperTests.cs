using System.Text;
using Tma.Models.Packaging;
using static Tma.Models.Tests.Packaging.PackagingFixtures;

namespace Tma.Models.Tests.Packaging;

/// <summary>Every kind of tampering is detected, and the failure names the check and the file or part concerned.</summary>
public sealed class TamperTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly PackageSigningKey _key = PackageSigningKey.Generate();
    private readonly string _archive;

    public TamperTests()
    {
        _archive = Pack(WritePackage(_temp.Path, "pkg"), _temp.Combine("out"));
        Sign(_archive, _key);
        Assert.True(Verify(_archive, _key.PublicKey).IsValid);
    }

    public void Dispose()
    {
        _key.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void One_changed_byte_in_a_file_is_named_by_file_and_check()
    {
        Rewrite(_archive, entries => Flip(entries, "package/MODEL_CARD.md", 2));

        var result = Verify(_archive, _key.PublicKey);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(VerificationCheck.FileHash, problem.Check);
        Assert.Equal("MODEL_CARD.md", problem.Subject);
        Assert.StartsWith("MODEL_CARD.md: [file-hash] content differs from the manifest", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_byte_in_model_yaml_is_detected_even_when_it_still_loads()
    {
        Rewrite(_archive, entries => Replace(entries, "package/model.yaml", s => s.Replace("points: 2", "points: 9", StringComparison.Ordinal)));

        var result = Verify(_archive, _key.PublicKey);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((VerificationCheck.FileHash, "model.yaml"), (problem.Check, problem.Subject));
    }

    [Fact]
    public void A_changed_byte_in_the_manifest_breaks_the_signature_and_is_named()
    {
        // Change one hex digit of the model card's hash in the manifest: the JSON stays well-formed and canonical.
        Rewrite(_archive, entries => Replace(entries, "manifest.json", s =>
        {
            var at = s.IndexOf("\"path\":\"MODEL_CARD.md\",\"sha256\":\"", StringComparison.Ordinal) + 33;
            return s[..at] + (s[at] == '0' ? '1' : '0') + s[(at + 1)..];
        }));

        var result = Verify(_archive, _key.PublicKey);

        Assert.False(result.IsValid);
        var signature = Assert.Single(result.Problems, p => p.Check == VerificationCheck.Signature);
        Assert.Equal("corpus-model-1.0.0.tmapkg.sig", signature.Subject);
        Assert.Contains("manifest.json is not the manifest that was signed", signature.Message, StringComparison.Ordinal);
        Assert.Contains(result.Problems, p => p is { Check: VerificationCheck.ContentHash, Subject: "manifest.json" });
        Assert.Contains(result.Problems, p => p is { Check: VerificationCheck.FileHash, Subject: "MODEL_CARD.md" });
    }

    [Fact]
    public void A_consistently_rewritten_manifest_is_still_caught_by_the_signature()
    {
        // An attacker who changes a file and recomputes the manifest (hashes and content hash) cannot re-sign it.
        Rewrite(_archive, entries => Replace(entries, "package/MODEL_CARD.md", s => s + "changed"));
        var tampered = PackageArchive.Read(_archive);
        var files = tampered.Manifest!.Files.Select(f => f.Path == "MODEL_CARD.md"
            ? f with { Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Entries(_archive).Single(e => e.Name == "package/MODEL_CARD.md").Content)), Length = f.Length + 7 }
            : f).ToList();
        var manifest = tampered.Manifest with { Files = files, ContentHash = Tma.Models.Packaging.ModelPackage.HashManifest(files) };
        Rewrite(_archive, entries => entries[0] = ("manifest.json", manifest.ToCanonicalJson()));

        var result = Verify(_archive, _key.PublicKey);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(VerificationCheck.Signature, problem.Check);
        Assert.Contains("not the manifest that was signed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_extra_file_is_named()
    {
        Rewrite(_archive, entries => entries.Add(("package/extra.yaml", Encoding.UTF8.GetBytes("x: 1"))));

        var problem = Assert.Single(Verify(_archive, _key.PublicKey).Problems);

        Assert.Equal((VerificationCheck.ExtraFile, "extra.yaml"), (problem.Check, problem.Subject));
    }

    [Fact]
    public void An_entry_outside_the_package_folder_is_named_and_never_extracted()
    {
        Rewrite(_archive, entries => entries.Add(("package/../../evil.sh", Encoding.UTF8.GetBytes("rm -rf /"))));

        var archive = PackageArchive.Read(_archive);
        var problem = Assert.Single(Verify(_archive, _key.PublicKey).Problems);
        var target = _temp.Combine("extract", "inner");
        archive.ExtractTo(target);

        Assert.Equal((VerificationCheck.ExtraFile, "package/../../evil.sh"), (problem.Check, problem.Subject));
        Assert.False(File.Exists(_temp.Combine("evil.sh")));
        Assert.Equal(["MODEL_CARD.md", "case.yaml", "model.yaml"], Directory.GetFiles(target, "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        Rewrite(_archive, entries => entries.RemoveAll(e => e.Name == "package/examples/case.yaml"));

        var problem = Assert.Single(Verify(_archive, _key.PublicKey).Problems);

        Assert.Equal((VerificationCheck.MissingFile, "examples/case.yaml"), (problem.Check, problem.Subject));
    }

    [Fact]
    public void A_file_of_another_size_is_named()
    {
        Rewrite(_archive, entries => Replace(entries, "package/examples/case.yaml", s => s + "\n"));

        var problem = Assert.Single(Verify(_archive, _key.PublicKey).Problems);

        Assert.Equal((VerificationCheck.FileSize, "examples/case.yaml"), (problem.Check, problem.Subject));
    }

    [Fact]
    public void A_signature_swapped_in_from_another_package_is_named()
    {
        var other = Pack(WritePackage(_temp.Path, "other", ModelYaml(id: "other-model")), _temp.Combine("out"));
        Sign(other, _key);
        File.Copy(PackageArchive.SignaturePath(other), PackageArchive.SignaturePath(_archive), overwrite: true);

        var problem = Assert.Single(Verify(_archive, _key.PublicKey).Problems);

        Assert.Equal(VerificationCheck.Signature, problem.Check);
        Assert.Contains("belongs to another package (other-model@1.0.0)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_from_another_build_of_the_same_version_is_named()
    {
        var rebuilt = Pack(WritePackage(_temp.Path, "rebuilt", ModelYaml(points: 3)), _temp.Combine("elsewhere"));
        Sign(rebuilt, _key);
        File.Copy(PackageArchive.SignaturePath(rebuilt), PackageArchive.SignaturePath(_archive), overwrite: true);

        var problem = Assert.Single(Verify(_archive, _key.PublicKey).Problems);

        Assert.Equal(VerificationCheck.Signature, problem.Check);
        Assert.Contains("changed after signing, or the signature is for another build of this version", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_by_an_untrusted_key_is_named_with_its_key_id()
    {
        using var other = PackageSigningKey.Generate();

        var result = Verify(_archive, other.PublicKey);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(VerificationCheck.Signature, problem.Check);
        Assert.Contains($"signed with key {_key.KeyId[..19]}", problem.Message, StringComparison.Ordinal);
        Assert.Contains("not a trusted key", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forged_signature_claiming_a_trusted_key_is_named()
    {
        using var attacker = PackageSigningKey.Generate();
        var forged = attacker.Sign(PackageArchive.Read(_archive)) with { KeyId = _key.KeyId };
        File.WriteAllBytes(PackageArchive.SignaturePath(_archive), forged.ToJson());

        var problem = Assert.Single(Verify(_archive, _key.PublicKey).Problems);

        Assert.Equal(VerificationCheck.Signature, problem.Check);
        Assert.Contains("does not verify with trusted key", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsigned_archive_is_refused_unless_unsigned_packages_are_explicitly_allowed()
    {
        File.Delete(PackageArchive.SignaturePath(_archive));

        var refused = Verify(_archive, _key.PublicKey);
        var allowed = PackageVerifier.VerifyFile(_archive, [_key.PublicKey], allowUnsigned: true);

        var problem = Assert.Single(refused.Problems);
        Assert.Equal(VerificationCheck.Signature, problem.Check);
        Assert.Contains("unsigned", problem.Message, StringComparison.Ordinal);
        Assert.True(allowed.IsValid);
        Assert.True(allowed.UnsignedAccepted);
        Assert.Null(allowed.SignedBy);
    }

    [Fact]
    public void A_manifest_whose_identity_differs_from_model_yaml_is_named()
    {
        // A consistent, signed manifest that claims another version than model.yaml (a mislabelled release).
        var archive = PackageArchive.Read(_archive);
        var relabelled = archive.Manifest! with { Version = "9.9.9" };
        Rewrite(_archive, entries => entries[0] = ("manifest.json", relabelled.ToCanonicalJson()));
        Sign(_archive, _key);

        var problem = Assert.Single(Verify(_archive, _key.PublicKey).Problems);

        Assert.Equal(VerificationCheck.Identity, problem.Check);
        Assert.Contains("version `9.9.9` differs from model.yaml's `1.0.0`", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_named()
    {
        File.WriteAllText(_archive, "not a zip");

        var result = Verify(_archive, _key.PublicKey);

        Assert.Contains(result.Problems, p => p.Check == VerificationCheck.Archive && p.Message.Contains("not a readable zip", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_entries_are_refused()
    {
        Rewrite(_archive, entries => entries.Add(entries.Single(e => e.Name == "package/model.yaml")));

        var result = Verify(_archive, _key.PublicKey);

        Assert.Contains(result.Problems, p => p is { Check: VerificationCheck.Archive, Subject: "package/model.yaml" });
    }

    [Fact]
    public void Extraction_refuses_content_that_does_not_match_the_manifest()
    {
        Rewrite(_archive, entries => Flip(entries, "package/model.yaml", 10));

        var archive = PackageArchive.Read(_archive);

        Assert.Throws<InvalidDataException>(() => archive.ExtractTo(_temp.Combine("x")));
    }

    private static void Flip(List<(string Name, byte[] Content)> entries, string name, int index)
    {
        var i = entries.FindIndex(e => e.Name == name);
        var content = entries[i].Content.ToArray();
        content[index] ^= 0x01;
        entries[i] = (name, content);
    }

    private static void Replace(List<(string Name, byte[] Content)> entries, string name, Func<string, string> change)
    {
        var i = entries.FindIndex(e => e.Name == name);
        entries[i] = (name, Encoding.UTF8.GetBytes(change(Encoding.UTF8.GetString(entries[i].Content))));
    }
}
